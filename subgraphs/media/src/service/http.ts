import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import type { Request, Response, Router } from 'express';
import { config, DomainError, isUuid, type ModuleHttpContext, type ServiceContext } from '@dentalpin/core';
import { MediaService, type ReceivedFile } from './index.ts';
import { linkIsValid, useLinkSigner } from './links.ts';
import { ACCEPTED_TYPES, SNIFF_BYTES, sniff, type SniffedType } from './sniff.ts';
import { configuredStore, type MediaStore } from './store.ts';

/** HTTP statuses of the refusals these routes answer themselves (the core answers 400, 401, 403 and 5xx). */
const STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** Runs a route; a refusal with a status of its own answers as a contract error, anything else goes to the core. */
const route =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (e) {
      const status = e instanceof DomainError ? STATUS[e.code] : undefined;
      if (!status || res.headersSent) throw e;
      res
        .status(status)
        .json({ errors: [{ message: (e as DomainError).message, extensions: { code: (e as DomainError).code } }] });
    }
  };

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;
const tooLarge = () =>
  new DomainError(
    'FILE_TOO_LARGE',
    `The file is over the ${megabytes(config().media.maxBytes)} limit; send a smaller or compressed file.`,
  );
const notAccepted = () =>
  new DomainError('UNSUPPORTED_MEDIA_TYPE', `The file is not a ${ACCEPTED_TYPES}; convert it to one of those.`);

/**
 * Reads the first bytes and passes everything on unchanged while `sniff` recognises them; otherwise it
 * drops the rest (the request is still read to its end, so the client gets the answer, not a reset) and
 * fails when the file ends.
 */
class SniffingStream extends Transform {
  type: SniffedType | null = null;
  private refused = false;
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.refused) return done();
    if (!this.type) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < SNIFF_BYTES || !this.decide()) return done();
      chunk = this.head;
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    // A file shorter than the sniffed prefix is decided on what there is.
    if (!this.type && !this.refused && this.decide()) return done(null, this.head);
    done(this.type ? null : notAccepted());
  }

  private decide(): boolean {
    this.type = sniff(this.head);
    this.refused = this.type === null;
    return !this.refused;
  }
}

/**
 * Streams one multipart upload: the file goes to a temporary path while its size is counted against
 * DENTALPIN_MEDIA_MAX_BYTES and its first bytes sniffed; the fields are collected beside it. Anything
 * refused removes the temporary file before answering.
 */
async function receive(
  req: Request,
  store: MediaStore,
): Promise<{ fields: Record<string, string>; file: ReceivedFile }> {
  const maxBytes = config().media.maxBytes;
  const declared = Number(req.headers['content-length']);
  // Refuse a body announced as far too big before reading it (the multipart envelope adds a little).
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) throw tooLarge();
  let parser: BusboyInstance;
  try {
    parser = new Busboy({
      headers: req.headers as BusboyHeaders,
      limits: { files: 1, fields: 10, fileSize: maxBytes, fieldSize: 2_000 },
    });
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'Send the upload as multipart/form-data with a "file" part.');
  }
  const fields: Record<string, string> = {};
  const temporaryPath = await store.temporaryPath(`${randomUUID()}.part`);
  let written: Promise<ReceivedFile> | null = null;
  try {
    await new Promise<void>((done, fail) => {
      parser.on('field', (name: string, value: string) => {
        fields[name] = value;
      });
      parser.on('file', (name: string, stream: BusboyFileStream, filename: string) => {
        if (name !== 'file' || written) return void stream.resume();
        let sizeBytes = 0;
        const sniffer = new SniffingStream();
        stream.on('data', (chunk: Buffer) => (sizeBytes += chunk.length));
        // Over the limit, busboy stops passing data on and marks the stream truncated.
        written = pipeline(stream, sniffer, createWriteStream(temporaryPath, { flags: 'wx' })).then(() => {
          if (stream.truncated) throw tooLarge();
          return {
            temporaryPath,
            sizeBytes,
            type: sniffer.type!,
            originalFilename: filename ? filename.slice(0, 255) : null,
          };
        });
        written.catch(() => undefined);
      });
      parser.on('error', fail);
      parser.on('finish', () => done());
      req.pipe(parser);
    });
    if (!written) throw new DomainError('BAD_USER_INPUT', 'The upload has no "file" part; attach the file.');
    return { fields, file: await (written as Promise<ReceivedFile>) };
  } catch (e) {
    await (written as Promise<ReceivedFile> | null)?.catch(() => undefined);
    await rm(temporaryPath, { force: true });
    throw e;
  }
}

/** The clinic's context acting as the user an upload link was issued to (recorded as the uploader). */
const uploaderOf = (ctx: ServiceContext, userId: string): ServiceContext => ({
  ...ctx,
  identity: { ...ctx.identity, userId },
});

/**
 * `POST /media/documents` (multipart upload), `GET /media/documents/:id/content` (the file) and
 * `GET /media/documents/:id/thumbnail` (an image's JPEG preview).
 */
export function mediaRoutes(router: Router, http: ModuleHttpContext): void {
  useLinkSigner(http.sign);
  const store = configuredStore();

  router.post(
    '/media/documents',
    route(async (req, res) => {
      // A signed upload link (from `documentUploadUrl`, whose caller held media.documents.write) or a token.
      const uploader = req.query.user;
      const ctx = linkIsValid('upload', uploader, req.query)
        ? uploaderOf(await http.forClinic(req.query.clinic), uploader as string)
        : await http.authorize(req, 'media.documents.write');
      const received = await receive(req, store);
      try {
        const document = await new MediaService(ctx).registerUpload(received.fields, received.file, store);
        res.status(201).json({ id: document.id });
      } finally {
        await rm(received.file.temporaryPath, { force: true });
      }
    }),
  );

  /** Streams a document's file (`content`) or its preview (`thumbnail`) to a caller with media.documents.read. */
  const serve = (variant: 'content' | 'thumbnail') =>
    route(async (req, res) => {
      const id = req.params.id as string;
      if (!isUuid(id)) throw new DomainError('BAD_USER_INPUT', `"${id}" is not a valid document id.`);
      const ctx = linkIsValid(variant, id, req.query)
        ? await http.forClinic(req.query.clinic)
        : await http.authorize(req, 'media.documents.read');
      const document = await new MediaService(ctx).require(id);
      const key = variant === 'content' ? document.storageKey : document.thumbnailKey;
      if (!key)
        throw new DomainError(
          'NOT_FOUND',
          'This document has no preview (only images that could be decoded get one); open its file instead.',
        );
      const content = await store.open(key);
      if (!content)
        throw new DomainError(
          'NOT_FOUND',
          'The file of this document is missing from the media store; restore it from a backup.',
        );
      res.status(200).set({
        'content-type': variant === 'content' ? document.mimeType : 'image/jpeg',
        ...(variant === 'content' ? { 'content-length': String(document.sizeBytes) } : {}),
        'content-disposition': `inline; filename="${encodeURIComponent(
          variant === 'content' ? (document.originalFilename ?? document.id) : `${document.id}.thumb.jpg`,
        )}"`,
        'cache-control': 'private, no-store',
      });
      await pipeline(content, res);
    });

  router.get('/media/documents/:id/content', serve('content'));
  router.get('/media/documents/:id/thumbnail', serve('thumbnail'));
}
