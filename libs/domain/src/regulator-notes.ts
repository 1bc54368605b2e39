import { isOneOf } from './one-of.ts';

/** What a regulator's note may be about; notes on an asset or on one of its requests join the asset's lineage. */
export const NOTE_SUBJECTS = ['asset', 'request', 'user'] as const;
export type NoteSubject = (typeof NOTE_SUBJECTS)[number];
export const isNoteSubject = isOneOf(NOTE_SUBJECTS);

/** The chaincode's limit on a note's text. */
export const MAX_NOTE_LENGTH = 4000;
