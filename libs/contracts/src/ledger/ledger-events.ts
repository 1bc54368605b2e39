import { CONTRACT_NAMES } from '@gridledger/domain';
import { z } from 'zod';

/**
 * The ledger service's command and answers. A service asks for a chaincode transaction by
 * publishing a command with its own commandId; the ledger answers on tx-committed or tx-failed
 * with the same commandId, so the caller can match the answer whatever the order.
 */
export const LEDGER_TOPICS = {
  submitRequested: 'gridledger.ledger.submit-requested.v1',
  txCommitted: 'gridledger.ledger.tx-committed.v1',
  txFailed: 'gridledger.ledger.tx-failed.v1',
} as const;

export const submitRequestedSchema = z.object({
  commandId: z.uuid(),
  /** the platform user the transaction is signed for; null for an organisation's service identity */
  userId: z.uuid().nullable(),
  /** required when userId is null: whose service identity signs */
  mspId: z.string().nullable(),
  contract: z.enum(CONTRACT_NAMES),
  transaction: z.string().regex(/^[A-Z][A-Za-z]+$/),
  arguments: z.array(z.string().max(64 * 1024)).max(16),
  requestedBy: z.string().min(1),
  /**
   * The requesting service's attestation of exactly this command (ES256 JWS: signer, channel,
   * chaincode, function, arguments, command id, a short validity). Without a valid one the ledger
   * answers tx-failed NOT_ATTESTED and nothing is signed. Optional in the schema only so that a
   * command without it is answered, not dead-lettered.
   */
  attestation: z.string().max(4096).optional(),
});

/**
 * In both answers: the command's requestedBy, repeated so a service can skip answers to other
 * services' commands without looking them up. A routing hint only: the commandId is what ties an
 * answer to its command. Absent from answers written before it was added.
 */
const answerRequestedBy = z.string().min(1).optional().describe("the command's requestedBy: a hint for skipping other services' answers; answers are matched on commandId");

export const txCommittedSchema = z.object({
  commandId: z.uuid(),
  txId: z.string(),
  /** decimal string: block numbers are 64-bit */
  blockNumber: z.string().regex(/^\d+$/),
  contract: z.string(),
  transaction: z.string(),
  /** the chaincode's JSON answer, as text */
  result: z.string().nullable(),
  requestedBy: answerRequestedBy,
});

export const txFailedSchema = z.object({
  commandId: z.uuid(),
  txId: z.string().nullable(),
  stage: z.enum(['validation', 'signing', 'endorsement', 'submission', 'commit']),
  /** the chaincode's error code (FORBIDDEN, POLICY_DENIED, …) or a Fabric validation code */
  code: z.string(),
  message: z.string(),
  requestedBy: answerRequestedBy,
});

export interface LedgerTopicPayloads {
  [LEDGER_TOPICS.submitRequested]: z.infer<typeof submitRequestedSchema>;
  [LEDGER_TOPICS.txCommitted]: z.infer<typeof txCommittedSchema>;
  [LEDGER_TOPICS.txFailed]: z.infer<typeof txFailedSchema>;
}

export const LEDGER_SCHEMAS = {
  [LEDGER_TOPICS.submitRequested]: submitRequestedSchema,
  [LEDGER_TOPICS.txCommitted]: txCommittedSchema,
  [LEDGER_TOPICS.txFailed]: txFailedSchema,
} as const;
