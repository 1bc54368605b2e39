// the ledger's tests build commands as the chaos suite does: one helper, in the test support library
export { commandIdOf, commandMessage, sendCommands, type SubmitCommand } from '@gridledger/testing';
