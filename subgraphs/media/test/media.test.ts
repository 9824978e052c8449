import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import { PDF, pdf, png, uploadDocument, type Caller, type UploadFile } from './upload.ts';

const MEDIA_DIR = mkdtempSync(join(tmpdir(), 'dentalpin-media-'));
const MAX_BYTES = 64 * 1024;

/** A Windows executable's header, sent as a JPEG. */
const DISGUISED = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 1)]);

const DOCUMENTS = `query($patientId: ID!, $includeArchived: Boolean) {
  documents(patientId: $patientId, includeArchived: $includeArchived) {
    id title documentType kind mimeType sizeBytes createdAt downloadUrl tags status originalFilename
    pairedDocument { id } patient { id } attachments { ownerType ownerId }
  } }`;

/** Every stored file (the temporary folder included, which must be empty between requests). */
const storedFiles = (dir = MEDIA_DIR): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? storedFiles(join(dir, e.name)) : [join(dir, e.name)],
  );

describe('media module', () => {
  let t: TestPlatform;
  let base: string;
  let admin: Caller & { clinicId: string };
  let receptionist: Caller;
  let hygienist: Caller;
  let patientId: string;

  const upload = (caller: Caller | null, fields: Record<string, string>, file: UploadFile | null) =>
    uploadDocument(base, caller, fields, file);
  const listed = async (caller: Caller, includeArchived = false) =>
    (await t.data(DOCUMENTS, { patientId, includeArchived }, caller)).documents as Record<string, any>[];

  beforeAll(async () => {
    process.env.DENTALPIN_MEDIA_DIR = MEDIA_DIR;
    process.env.DENTALPIN_MEDIA_MAX_BYTES = String(MAX_BYTES);
    t = await startTestPlatform();
    base = t.url.replace(/\/graphql$/, '');
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Lucía", lastName: "García" }) { id } }`, {}, admin)
    ).createPatient.id;
  });
  afterAll(async () => {
    await t.close();
    delete process.env.DENTALPIN_MEDIA_DIR;
    delete process.env.DENTALPIN_MEDIA_MAX_BYTES;
    rmSync(MEDIA_DIR, { recursive: true, force: true });
  });

  it('uploads a PDF (201 {id}), lists it, and serves it by token and by its signed link', async () => {
    const r = await upload(receptionist, { patientId, documentType: 'CONSENT', title: 'Consent — implant' }, pdf);
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(['id']);
    const [doc] = await listed(receptionist);
    expect(doc).toMatchObject({
      id: r.body.id,
      title: 'Consent — implant',
      documentType: 'CONSENT',
      kind: 'DOCUMENT',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      originalFilename: 'consent.pdf',
      status: 'ACTIVE',
      patient: { id: patientId },
    });
    expect(doc!.downloadUrl).toMatch(new RegExp(`^/media/documents/${r.body.id}/content\\?`));

    const byLink = await fetch(base + doc!.downloadUrl);
    expect(byLink.status).toBe(200);
    expect(byLink.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await byLink.arrayBuffer()).equals(PDF)).toBe(true);

    const byToken = await fetch(`${base}/media/documents/${r.body.id}/content`, {
      headers: { authorization: `Bearer ${hygienist.token}` },
    });
    expect(byToken.status).toBe(200);
    expect(Buffer.from(await byToken.arrayBuffer()).equals(PDF)).toBe(true);

    const tampered = doc!.downloadUrl.replace(/signature=[^&]+/, 'signature=forged');
    expect((await fetch(base + tampered)).status).toBe(401);
    const anonymous = await fetch(`${base}/media/documents/${r.body.id}/content`);
    expect(anonymous.status).toBe(401);
  });

  it('takes an upload through a signed upload link (for browsers), recording who asked for it', async () => {
    const link = (await t.data(`{ documentUploadUrl }`, {}, receptionist)).documentUploadUrl as string;
    const form = new FormData();
    form.append('patientId', patientId);
    form.append('documentType', 'REPORT');
    form.append('file', new Blob([new Uint8Array(PDF)]), 'report.pdf');
    const res = await fetch(base + link, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const doc = await t.data(`query($id: ID!) { document(id: $id) { uploadedBy documentType } }`, { id }, admin);
    expect(doc.document).toEqual({ uploadedBy: receptionist.userId, documentType: 'REPORT' });
    const forged = await fetch(base + link.replace(/user=[^&]+/, `user=${admin.userId}`), {
      method: 'POST',
      body: form,
    });
    expect(forged.status).toBe(401);
    const hygienistLink = await t.gql(`{ documentUploadUrl }`, {}, hygienist);
    expect(hygienistLink.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a file over the limit with 413 and keeps nothing', async () => {
    const before = { files: storedFiles().length, docs: (await listed(admin, true)).length };
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES + 1, 0x20)]);
    const r = await upload(admin, { patientId, documentType: 'REPORT' }, { ...pdf, content: big });
    expect(r.status).toBe(413);
    expect(r.body.errors?.[0]?.extensions.code).toBe('FILE_TOO_LARGE');
    expect(storedFiles()).toHaveLength(before.files);
    expect(await listed(admin, true)).toHaveLength(before.docs);
  });

  it('sniffs the content: a disguised executable is refused with 415 and nothing is kept', async () => {
    const before = { files: storedFiles().length, docs: (await listed(admin, true)).length };
    const r = await upload(
      admin,
      { patientId, documentType: 'PHOTO' },
      { content: DISGUISED, name: 'smile.jpg', type: 'image/jpeg' },
    );
    expect(r.status).toBe(415);
    expect(r.body.errors?.[0]?.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(storedFiles()).toHaveLength(before.files);
    expect(await listed(admin, true)).toHaveLength(before.docs);
  });

  it('refuses bad fields and unknown patients with their contract codes, keeping no file', async () => {
    const before = storedFiles().length;
    const bad = await upload(admin, { patientId: '42', documentType: 'SELFIE' }, pdf);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const missing = await upload(admin, { patientId, documentType: 'CONSENT' }, null);
    expect(missing.status).toBe(400);
    const stranger = await upload(
      admin,
      { patientId: '00000000-0000-4000-8000-000000000000', documentType: 'CONSENT' },
      pdf,
    );
    expect(stranger.status).toBe(404);
    expect(stranger.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(storedFiles()).toHaveLength(before);
  });

  it('applies role permissions: a hygienist reads but cannot upload or change documents', async () => {
    const anonymous = await upload(null, { patientId, documentType: 'CONSENT' }, pdf);
    expect(anonymous.status).toBe(401);
    const r = await upload(hygienist, { patientId, documentType: 'CONSENT' }, pdf);
    expect(r.status).toBe(403);
    expect(r.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const [doc] = await listed(hygienist);
    const archive = await t.gql(`mutation($id: ID!) { archiveDocument(id: $id) { id } }`, { id: doc!.id }, hygienist);
    expect(archive.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('tags, pairs images as before/after, attaches and archives (soft)', async () => {
    const before = (await upload(admin, { patientId, documentType: 'PHOTO', title: 'Before' }, png('a.png'))).body.id!;
    const after = (await upload(admin, { patientId, documentType: 'PHOTO', title: 'After' }, png('b.png'))).body.id!;
    const consent = (await listed(admin)).find((d) => d.documentType === 'CONSENT')!.id as string;

    const tagged = await t.data(
      `mutation($id: ID!) { updateDocument(id: $id, input: { tags: [" Whitening ", "whitening", "2026"] }) { tags } }`,
      { id: before },
      receptionist,
    );
    expect(tagged.updateDocument.tags).toEqual(['whitening', '2026']);

    const paired = await t.data(
      `mutation($id: ID!, $other: ID!) { pairDocuments(id: $id, otherId: $other) { id pairedDocument { id pairedDocument { id } } } }`,
      { id: before, other: after },
      receptionist,
    );
    expect(paired.pairDocuments.pairedDocument).toEqual({ id: after, pairedDocument: { id: before } });
    const pdfPair = await t.gql(
      `mutation($id: ID!, $other: ID!) { pairDocuments(id: $id, otherId: $other) { id } }`,
      { id: before, other: consent },
      receptionist,
    );
    expect(pdfPair.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const unknownOwner = await t.gql(
      `mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }`,
      { input: { documentId: consent, ownerType: 'spaceship', ownerId: patientId } },
      hygienist,
    );
    expect(unknownOwner.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const attached = await t.data(
      `mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { id ownerType document { id } } }`,
      { input: { documentId: consent, ownerType: 'patient', ownerId: patientId } },
      hygienist,
    );
    expect(attached.attachDocument).toMatchObject({ ownerType: 'patient', document: { id: consent } });
    const attachedTo = await t.data(
      `query($id: ID!) { attachedDocuments(ownerType: "patient", ownerId: $id) { id } }`,
      { id: patientId },
      hygienist,
    );
    expect(attachedTo.attachedDocuments).toEqual([{ id: consent }]);

    const archived = await t.data(
      `mutation($id: ID!) { archiveDocument(id: $id) { status pairedDocument { id } } }`,
      { id: after },
      receptionist,
    );
    expect(archived.archiveDocument).toEqual({ status: 'ARCHIVED', pairedDocument: null });
    expect((await listed(admin)).map((d) => d.id)).not.toContain(after);
    expect((await listed(admin, true)).find((d) => d.id === after)?.status).toBe('ARCHIVED');
    const edit = await t.gql(
      `mutation($id: ID!) { updateDocument(id: $id, input: { title: "x" }) { id } }`,
      { id: after },
      receptionist,
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('isolates clinics: another clinic sees, downloads and changes nothing', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id as string;
    const adminB = { token: admin.token, clinicId: clinicB };
    const [doc] = await listed(admin);
    expect(await listed(adminB, true)).toEqual([]);
    expect((await t.data(`query($id: ID!) { document(id: $id) { id } }`, { id: doc!.id }, adminB)).document).toBeNull();
    const content = await fetch(`${base}/media/documents/${doc!.id}/content`, {
      headers: { authorization: `Bearer ${admin.token}`, 'x-clinic-id': clinicB },
    });
    expect(content.status).toBe(404);
    const edit = await t.gql(
      `mutation($id: ID!) { updateDocument(id: $id, input: { title: "Stolen" }) { id } }`,
      { id: doc!.id },
      adminB,
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const before = storedFiles().length;
    const r = await upload(adminB, { patientId, documentType: 'CONSENT' }, pdf);
    expect(r.status).toBe(404);
    expect(storedFiles()).toHaveLength(before);
  });

  it('archives the documents of an archived patient', async () => {
    await t.data(`mutation($id: ID!) { archivePatient(id: $id) { id } }`, { id: patientId }, admin);
    await t.eventsSettled();
    expect(await listed(admin)).toEqual([]);
    expect((await listed(admin, true)).every((d) => d.status === 'ARCHIVED')).toBe(true);
  });
});
