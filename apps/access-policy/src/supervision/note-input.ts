import { MAX_NOTE_LENGTH, NOTE_SUBJECTS } from '@gridledger/domain';
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id: letters, digits, . _ : -, at most 128 characters');

/** A regulator's note: on an asset, one of its requests, or a user; the text goes on chain as written. */
export const noteSchema = z.object({
  subjectType: z.enum(NOTE_SUBJECTS),
  subjectId: id,
  text: z.string().trim().min(1, 'write the note: it goes on chain').max(MAX_NOTE_LENGTH),
}).strict();

export const noteBody = {
  schema: {
    type: 'object',
    required: ['subjectType', 'subjectId', 'text'],
    properties: {
      subjectType: { type: 'string', enum: [...NOTE_SUBJECTS] },
      subjectId: { type: 'string', description: 'the asset id, request id or user id' },
      text: { type: 'string', minLength: 1, maxLength: MAX_NOTE_LENGTH },
    },
  },
};
