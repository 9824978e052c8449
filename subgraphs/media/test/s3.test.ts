import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import media from '../src/index.ts';
import { s3Client, s3Settings } from '../src/service/store.ts';
import { pdf, uploadDocument, type Caller } from './upload.ts';

/** A real S3-compatible server (s3rver, over HTTP on loopback) the media module talks to with the AWS SDK. */
const S3_DIR = mkdtempSync(join(tmpdir(), 'dentalpin-s3-'));
const PORT = 4171;
const BUCKET = 'dentalpin-media';
const ENV = {
  DENTALPIN_MEDIA_S3_BUCKET: BUCKET,
  DENTALPIN_MEDIA_S3_ENDPOINT: `http://127.0.0.1:${PORT}`,
  DENTALPIN_MEDIA_S3_REGION: 'us-east-1',
  DENTALPIN_MEDIA_S3_PREFIX: 'clinics',
  DENTALPIN_MEDIA_S3_ACCESS_KEY_ID: 'S3RVER',
  DENTALPIN_MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
  DENTALPIN_MEDIA_MAX_BYTES: String(256 * 1024),
};

const DOCUMENTS = `query($patientId: ID!) { documents(patientId: $patientId) { id kind mimeType downloadUrl thumbnailUrl } }`;

describe('media on S3-compatible storage, with thumbnails', () => {
  let server: S3rver;
  let t: TestPlatform;
  let base: string;
  let admin: Caller & { clinicId: string };
  let hygienist: Caller;
  let patientId: string;
  const client = () => s3Client(s3Settings(ENV as NodeJS.ProcessEnv)!);
  const objects = async () =>
    ((await client().send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
  let photo: Buffer;

  beforeAll(async () => {
    server = new S3rver({
      port: PORT,
      address: '127.0.0.1',
      silent: true,
      directory: S3_DIR,
      configureBuckets: [{ name: BUCKET }],
    });
    await server.run();
    Object.assign(process.env, ENV);
    t = await startTestPlatform();
    base = t.url.replace(/\/graphql$/, '');
    admin = await t.setup();
    hygienist = await t.userWithRole(admin, 'hygienist');
    patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Nerea", lastName: "Ruiz" }) { id } }`, {}, admin)
    ).createPatient.id;
    // A real 1200×800 photo.
    photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#d04060' } })
      .jpeg()
      .toBuffer();
  });
  afterAll(async () => {
    await t?.close();
    for (const k of Object.keys(ENV)) delete process.env[k];
    await server?.close();
    rmSync(S3_DIR, { recursive: true, force: true });
  });

  it('puts an uploaded photo and its 256 px JPEG preview in the bucket and serves both to readers', async () => {
    const r = await uploadDocument(
      base,
      admin,
      { patientId, documentType: 'OTHER', title: 'Smile' },
      { content: photo, name: 'smile.jpg', type: 'image/jpeg' },
    );
    expect(r.status).toBe(201);
    const keys = await objects();
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.startsWith(`clinics/${admin.clinicId}/${patientId}/`))).toBe(true);
    expect(keys.filter((k) => k.endsWith(`${r.body.id}.jpg.thumb.jpg`))).toHaveLength(1);

    const [doc] = (await t.data(DOCUMENTS, { patientId }, hygienist)).documents;
    expect(doc).toMatchObject({ id: r.body.id, kind: 'IMAGE', mimeType: 'image/jpeg' });
    expect(doc.thumbnailUrl).toMatch(new RegExp(`^/media/documents/${r.body.id}/thumbnail\\?`));

    // The file, by token, byte for byte from the bucket.
    const content = await fetch(`${base}/media/documents/${r.body.id}/content`, {
      headers: { authorization: `Bearer ${hygienist.token}`, 'x-clinic-id': admin.clinicId },
    });
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(photo)).toBe(true);

    // The preview, by its signed link (an <img> sends no token) and by token.
    const byLink = await fetch(`${base}${doc.thumbnailUrl}`);
    expect(byLink.status).toBe(200);
    expect(byLink.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await byLink.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 256, 171]);
    const byToken = await fetch(`${base}/media/documents/${r.body.id}/thumbnail`, {
      headers: { authorization: `Bearer ${hygienist.token}`, 'x-clinic-id': admin.clinicId },
    });
    expect(byToken.status).toBe(200);
    const anonymous = await fetch(`${base}/media/documents/${r.body.id}/thumbnail`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${base}${doc.thumbnailUrl.replace(/signature=[^&]+/, 'signature=forged')}`);
    expect(forged.status).toBe(401);
  });

  it('a PDF has no preview; refusals leave no object in the bucket', async () => {
    const before = await objects();
    const r = await uploadDocument(base, admin, { patientId, documentType: 'CONSENT' }, pdf);
    expect(r.status).toBe(201);
    const after = await objects();
    expect(after).toHaveLength(before.length + 1);
    const noPreview = await fetch(`${base}/media/documents/${r.body.id}/thumbnail`, {
      headers: { authorization: `Bearer ${admin.token}`, 'x-clinic-id': admin.clinicId },
    });
    expect(noPreview.status).toBe(404);

    const disguised = await uploadDocument(
      base,
      admin,
      { patientId, documentType: 'OTHER' },
      { content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 7)]), name: 'x.jpg', type: 'image/jpeg' },
    );
    expect(disguised.status).toBe(415);
    const big = await sharp({
      create: {
        width: 900,
        height: 900,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(256 * 1024);
    const tooLarge = await uploadDocument(
      base,
      admin,
      { patientId, documentType: 'OTHER' },
      { content: big, name: 'big.png', type: 'image/png' },
    );
    expect(tooLarge.status).toBe(413);
    const unknownPatient = await uploadDocument(
      base,
      admin,
      { patientId: '00000000-0000-4000-8000-000000000000', documentType: 'OTHER' },
      { content: photo, name: 'p.jpg', type: 'image/jpeg' },
    );
    expect(unknownPatient.status).toBe(404);
    const forbidden = await uploadDocument(
      base,
      hygienist,
      { patientId, documentType: 'OTHER' },
      { content: photo, name: 'p.jpg', type: 'image/jpeg' },
    );
    expect(forbidden.status).toBe(403);
    expect(await objects()).toEqual(after);
  });

  it('uninstalling copies every object of the bucket into the backup folder, and leaves the bucket as it was', async () => {
    const backups = mkdtempSync(join(tmpdir(), 'dentalpin-media-backup-'));
    process.env.DENTALPIN_BACKUP_DIR = backups;
    try {
      const keys = await objects();
      expect(keys.length).toBeGreaterThanOrEqual(3);
      const logged: string[] = [];
      await media.uninstall!({
        moduleName: 'media',
        em: t.platform.db.knex as never,
        logger: { info: (m: string) => logged.push(m), warn: () => undefined, error: () => undefined } as never,
      });
      const [folder] = readdirSync(backups);
      expect(folder).toMatch(/^media-files-/);
      const walk = (dir: string, rel = ''): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`],
        );
      expect(walk(join(backups, folder)).sort()).toEqual(keys.map((k) => k.replace(/^clinics\//, '')));
      const photoKey = keys.find((k) => k.endsWith('.jpg') && !k.endsWith('.thumb.jpg'))!;
      expect(readFileSync(join(backups, folder, photoKey.replace(/^clinics\//, ''))).equals(photo)).toBe(true);
      expect(logged[0]).toMatch(/copied \d+ file\(s\) from s3:\/\/dentalpin-media\/clinics\//);
      expect(await objects()).toEqual(keys);
    } finally {
      delete process.env.DENTALPIN_BACKUP_DIR;
      rmSync(backups, { recursive: true, force: true });
    }
  });
});
