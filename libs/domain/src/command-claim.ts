/**
 * The transient field in which the ledger service names the command a proposal carries out.
 * The chaincode records each command id the first time a valid transaction carries it out and
 * refuses it after that (DUPLICATE_COMMAND, naming that transaction), so a command is carried out
 * on chain at most once even when two transactions for it are in flight at the same moment (a
 * crashed replica's and its successor's): the one that commits second fails on a read conflict.
 * Transient data stays out of the block; the identity service signs a proposal carrying it only
 * when it names the attested command.
 */
export const COMMAND_ID_TRANSIENT_KEY = 'gridledger.command-id';
