export { LEDGER_COMMANDS_TABLE_SQL } from './ledger-commands-schema.ts';
export {
  awaitLedgerAnswer,
  enqueueLedgerCommand,
  recordLedgerAnswer,
  LEDGER_ANSWER_TOPICS,
  ledgerAnswerSchema,
  InvalidLedgerCommandError,
  LedgerAnswerTimeoutError,
  type LedgerAnswer,
  type LedgerCommandRequest,
} from './ledger-commands.ts';
export { LedgerQueryClient, LedgerRefusalError, LedgerUnavailableError, type LedgerQueryClientOptions } from './ledger-query-client.ts';
