export { LEDGER_COMMANDS_TABLE_SQL } from './ledger-commands-schema.ts';
export {
  awaitLedgerAnswer,
  enqueueLedgerCommand,
  isAnswerFor,
  recordLedgerAnswer,
  LEDGER_ANSWER_TOPICS,
  ledgerAnswerSchema,
  InvalidLedgerCommandError,
  LedgerAnswerTimeoutError,
  type LedgerAnswer,
  type LedgerCommandRequest,
  type CommandSigning,
} from './ledger-commands.ts';
export { ledgerClientErrors } from './ledger-client-errors.ts';
export { LedgerQueryClient, LedgerRefusalError, LedgerUnavailableError, type LedgerQueryClientOptions } from './ledger-query-client.ts';
export { DEFAULT_LEDGER_TARGET, type LedgerTarget } from './ledger-target.ts';
