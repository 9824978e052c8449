import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { documentStatus, documentType, mediaKind } from './status.ts';

export const Document = defineEntity({
  name: 'Document',
  tableName: 'media_documents',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid().index(),
    patientId: p.uuid().index(),
    documentType: p.enum([...documentType.values]),
    kind: p.enum([...mediaKind.values]),
    title: p.string().length(255),
    originalFilename: p.string().length(255).nullable(),
    /** Where the store keeps the content: `{clinic}/{patient}/{yyyy-mm}/{id}.{ext}`. */
    storageKey: p.string().length(500).unique(),
    /** The JPEG preview (256 px) made on upload for images; null for PDFs or when the image could not be decoded. */
    thumbnailKey: p.string().length(500).nullable(),
    mimeType: p.string().length(100),
    sizeBytes: p.integer(),
    tags: p.json<string[]>(),
    pairedDocumentId: p.uuid().nullable(),
    status: p.enum([...documentStatus.values]).default('active'),
    uploadedBy: p.uuid(),
    ...timestamps(p),
  }),
});
export type Document = InferEntity<typeof Document>;

export const MediaAttachment = defineEntity({
  name: 'MediaAttachment',
  tableName: 'media_attachments',
  uniques: [{ properties: ['documentId', 'ownerType', 'ownerId'] }],
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    documentId: p.uuid(),
    ownerType: p.string().length(40),
    ownerId: p.uuid().index(),
    displayOrder: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type MediaAttachment = InferEntity<typeof MediaAttachment>;

/** Kinds of records documents may be attached to; seeded by this module and by modules that add owners. */
export const MediaOwnerType = defineEntity({
  name: 'MediaOwnerType',
  tableName: 'media_owner_types',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    code: p.string().length(40).unique(),
    label: p.string().length(100),
  }),
});
export type MediaOwnerType = InferEntity<typeof MediaOwnerType>;
