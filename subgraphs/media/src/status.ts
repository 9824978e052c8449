import { graphqlEnum } from '@dentalpin/core';

/** Classification a person picks at upload (stored lower case; GraphQL CONSENT ↔ consent). */
export const documentType = graphqlEnum(
  ['consent', 'id_scan', 'insurance', 'report', 'referral', 'xray', 'photo', 'other'],
  'a document type',
);
export type DocumentType = (typeof documentType.values)[number];

/** Sniffed from the content: images may be paired and previewed, documents may not be previewed. */
export const mediaKind = graphqlEnum(['document', 'image'], 'a media kind');
export type MediaKind = (typeof mediaKind.values)[number];

/** Archiving is the only deletion: the row and the file stay. */
export const documentStatus = graphqlEnum(['active', 'archived'], 'a document status');
export type DocumentStatus = (typeof documentStatus.values)[number];
