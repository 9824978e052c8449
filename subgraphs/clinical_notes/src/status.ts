import { graphqlEnum } from '@dentalpin/core';

/** What a note is written on; `ownerId` is that record's id (the patient's own id for PATIENT). */
export const noteOwnerType = graphqlEnum(['patient', 'treatment', 'plan', 'appointment'], 'a note owner type');
export type NoteOwnerType = (typeof noteOwnerType.values)[number];
