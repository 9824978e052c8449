import { authorize, type RequestContext } from '@dentalpin/core';
import type { Document, MediaAttachment } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { MediaService } from './service/index.ts';
import { contentLink, thumbnailLink, uploadLink } from './service/links.ts';

const documentById = (id: string, ctx: RequestContext) =>
  ctx
    .loader<string, Document | null>('media.documents', (ids) =>
      new MediaService(authorize(ctx, 'media.documents.read')).getMany(ids),
    )
    .load(id);

export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    documents: (_, args, ctx) => new MediaService(authorize(ctx, 'media.documents.read')).list(args.patientId, args),
    document: (_, args, ctx) => new MediaService(authorize(ctx, 'media.documents.read')).get(args.id),
    attachedDocuments: (_, args, ctx) =>
      new MediaService(authorize(ctx, 'media.attachments.read')).attachedTo(args.ownerType, args.ownerId),
    mediaOwnerTypes: (_, _args, ctx) => new MediaService(authorize(ctx, 'media.attachments.read')).ownerTypes(),
    documentUploadUrl: (_, _args, ctx) => {
      const { identity } = authorize(ctx, 'media.documents.write');
      return uploadLink(identity.userId, identity.clinicId);
    },
  },
  Mutation: {
    updateDocument: (_, args, ctx) =>
      new MediaService(authorize(ctx, 'media.documents.write')).update(args.id, args.input),
    archiveDocument: (_, args, ctx) => new MediaService(authorize(ctx, 'media.documents.write')).archive(args.id),
    pairDocuments: (_, args, ctx) =>
      new MediaService(authorize(ctx, 'media.documents.write')).pair(args.id, args.otherId),
    unpairDocument: (_, args, ctx) => new MediaService(authorize(ctx, 'media.documents.write')).unpair(args.id),
    attachDocument: (_, args, ctx) => new MediaService(authorize(ctx, 'media.attachments.write')).attach(args.input),
    detachDocument: (_, args, ctx) => new MediaService(authorize(ctx, 'media.attachments.write')).detach(args.id),
  },
  Patient: {
    documents: (patient, _args, ctx) =>
      ctx
        .loader<string, Document[]>('media.byPatient', (ids) =>
          new MediaService(authorize(ctx, 'media.documents.read')).forPatients(ids),
        )
        .load(patient.id),
  },
  Document: {
    __resolveReference: (ref, ctx) => documentById(ref.id, ctx),
    patient: (d) => ({ id: d.patientId }),
    pairedDocument: (d, _args, ctx) => (d.pairedDocumentId ? documentById(d.pairedDocumentId, ctx) : null),
    downloadUrl: (d) => contentLink(d),
    thumbnailUrl: (d) => thumbnailLink(d),
    attachments: (d, _args, ctx) =>
      ctx
        .loader<string, MediaAttachment[]>('media.attachments', (ids) =>
          new MediaService(authorize(ctx, 'media.attachments.read')).attachmentsOf(ids),
        )
        .load(d.id),
  },
  MediaAttachment: {
    document: async (a, _args, ctx) => (await documentById(a.documentId, ctx))!,
  },
};
