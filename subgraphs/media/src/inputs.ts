import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { documentType } from './status.ts';

export const documentId = uuid('document id');
export const patientId = uuid('patient id');

const title = z.string().trim().min(1, 'is required').max(255, 'is longer than 255 characters');
const typeNames = documentType.values.map((v) => documentType.toGraphQL(v)) as [string, ...string[]];
/** GraphQL names (CONSENT, XRAY…), as the upload form and agents send them; `documentType.fromGraphQL` stores them. */
export const documentTypeName = z.enum(typeNames, { error: `must be one of ${typeNames.join(', ')}` });
/** Stored values, as GraphQL arguments arrive. */
const storedDocumentType = z.enum(documentType.values);
const tag = z.string().trim().toLowerCase().min(1, 'cannot be empty').max(40, 'is longer than 40 characters');

/** The fields of a multipart upload (besides the file). */
export const uploadFields = z.object({
  patientId,
  documentType: documentTypeName,
  title: title.optional(),
});

export const updateDocumentInput = z.object({
  title: title.nullish(),
  documentType: storedDocumentType.nullish(),
  tags: z
    .array(tag)
    .max(20, 'has more than 20 tags')
    .transform((tags) => [...new Set(tags)])
    .nullish(),
});

export const attachDocumentInput = z.object({
  documentId,
  ownerType: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a registered owner type such as appointment'),
  ownerId: uuid('owner id'),
  displayOrder: z.number().int().min(0).max(10_000).nullish(),
});
