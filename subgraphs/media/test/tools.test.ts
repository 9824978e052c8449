import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import type { Identity } from '@dentalpin/core';
import { tools, toolExemptions } from '../src/tools.ts';
import { pdf, png, uploadDocument } from './upload.ts';

const MEDIA_DIR = mkdtempSync(join(tmpdir(), 'dentalpin-media-tools-'));

/** The media tools, called through the platform's chokepoint as real users of two clinics. */
describe('media agent tools', () => {
  let t: TestPlatform;
  let receptionist: Identity;
  let hygienist: Identity;
  let otherClinic: Identity;
  let patientId: string;
  const ids: Record<string, string> = {};
  const call = (who: Identity, name: string, args: unknown) =>
    t.platform.agents.call({ identity: who }, `media.${name}`, args);

  beforeAll(async () => {
    process.env.DENTALPIN_MEDIA_DIR = MEDIA_DIR;
    t = await startTestPlatform();
    const setup = await t.setup();
    const identityOf = async (token: string, clinicId: string) =>
      (await t.platform.auth.authenticate(`Bearer ${token}`, clinicId)).identity!;
    receptionist = await identityOf((await t.userWithRole(setup, 'receptionist')).token, setup.clinicId);
    hygienist = await identityOf((await t.userWithRole(setup, 'hygienist')).token, setup.clinicId);
    const b = await t.data(`mutation { createClinic(input: { name: "Otra" }) { id } }`, {}, setup);
    otherClinic = await identityOf((await t.userWithRole(setup, 'admin', b.createClinic.id)).token, b.createClinic.id);
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Ana", lastName: "Ruiz" }) { id } }`, {}, setup)
    ).createPatient.id;
    const base = t.url.replace(/\/graphql$/, '');
    for (const [key, type, file] of [
      ['consent', 'CONSENT', pdf],
      ['before', 'PHOTO', png('before.png')],
      ['after', 'PHOTO', png('after.png')],
    ] as const)
      ids[key] = (await uploadDocument(base, setup, { patientId, documentType: type, title: key }, file)).body.id!;
  });
  afterAll(async () => {
    await t.close();
    delete process.env.DENTALPIN_MEDIA_DIR;
    rmSync(MEDIA_DIR, { recursive: true, force: true });
  });

  it('cover every mutation but archiving, with permissions and categories', () => {
    expect(tools.map((x) => [x.name, x.category, x.permissions])).toEqual([
      ['list_patient_documents', 'READ', ['media.documents.read']],
      ['update_document', 'WRITE', ['media.documents.write']],
      ['pair_documents', 'WRITE', ['media.documents.write']],
      ['unpair_document', 'WRITE', ['media.documents.write']],
      ['attach_document', 'WRITE', ['media.attachments.write']],
      ['detach_document', 'WRITE', ['media.attachments.write']],
    ]);
    expect(Object.keys(toolExemptions)).toEqual(['archiveDocument']);
  });

  it('list, update, pair, attach and detach with the service rules', async () => {
    const listed = await call(hygienist, 'list_patient_documents', { patientId, documentType: 'PHOTO' });
    expect((listed.result as { title: string }[]).map((d) => d.title).sort()).toEqual(['after', 'before']);
    const updated = await call(receptionist, 'update_document', {
      documentId: ids.consent,
      documentType: 'REPORT',
      tags: ['Surgery'],
    });
    expect(updated.result).toMatchObject({ documentType: 'REPORT', tags: ['surgery'], kind: 'DOCUMENT' });
    const paired = await call(receptionist, 'pair_documents', { documentId: ids.before, otherDocumentId: ids.after });
    expect(paired.result).toMatchObject({ pairedDocumentId: ids.after });
    expect(await call(receptionist, 'unpair_document', { documentId: ids.after })).toMatchObject({
      status: 'SUCCESS',
      result: { pairedDocumentId: null },
    });
    const attached = await call(hygienist, 'attach_document', {
      documentId: ids.consent,
      ownerType: 'appointment',
      ownerId: '33333333-3333-4333-8333-333333333333',
    });
    expect(attached.result).toMatchObject({ ownerType: 'appointment', documentId: ids.consent });
    const again = await call(hygienist, 'attach_document', {
      documentId: ids.consent,
      ownerType: 'appointment',
      ownerId: '33333333-3333-4333-8333-333333333333',
    });
    expect(again).toMatchObject({ status: 'FAILED', errorCode: 'CONFLICT' });
    const detached = await call(hygienist, 'detach_document', { attachmentId: (attached.result as { id: string }).id });
    expect(detached.result).toMatchObject({ id: ids.consent });
  });

  it('refuse what the caller may not do, bad input and other clinics, writing nothing', async () => {
    expect(await call(hygienist, 'update_document', { documentId: ids.consent, title: 'x' })).toMatchObject({
      status: 'BLOCKED',
      errorCode: 'FORBIDDEN',
    });
    const bad = await call(receptionist, 'pair_documents', { documentId: ids.before, otherDocumentId: ids.before });
    expect(bad).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    expect(await call(receptionist, 'update_document', { documentId: 'abc', title: 'x' })).toMatchObject({
      status: 'FAILED',
      errorCode: 'BAD_USER_INPUT',
    });
    expect(await call(otherClinic, 'update_document', { documentId: ids.consent, title: 'Stolen' })).toMatchObject({
      status: 'FAILED',
      errorCode: 'NOT_FOUND',
    });
    expect((await call(otherClinic, 'list_patient_documents', { patientId })).result).toEqual([]);
    const row = await t.platform.db.knex('media_documents').where({ id: ids.consent }).first();
    expect(row.title).toBe('consent');
  });
});
