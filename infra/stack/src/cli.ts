import { loadStackConfig } from './config/stack-config.ts';
import { down, reset } from './commands/down.ts';
import { env } from './commands/env.ts';
import { kafkaUser } from './commands/kafka-user.ts';
import { logs } from './commands/logs.ts';
import { printStatus } from './commands/status.ts';
import { start } from './commands/start.ts';
import { backup } from './commands/backup.ts';
import { restore } from './commands/restore.ts';
import { rotateMasterKey } from './commands/rotate-master-key.ts';
import { backupFileArgument, backupPassphrase } from './backup/backup-passphrase.ts';
import { deployAndServeChaincode, up } from './commands/up.ts';
import { provisionBinaries } from './provision/binaries.ts';
import { StackError } from './terminal/stack-error.ts';
import { withStackLock } from './process/stack-lock.ts';
import { supervise } from './supervision/supervisor.ts';

const USAGE = `Usage: npm run stack -- <command>

  up                 provision on first use, start every component and service that is not running, create the
                     channel, deploy the chaincode, and start the supervisor that restarts whatever dies
  down               stop every process the stack started
  status             component, version, pid, address, health and restarts (exit 1 while anything is down)
  logs <component>   the component's log (--follow to keep reading)
  deploy-chaincode   rebuild and redeploy the chaincode when its sources changed (sequence + 1)
  env                shell exports with every address and credential (eval "$(npm run -s stack -- env)")
  reset              stop, then wipe all component data (built binaries are kept)
  start              up, with every service rebuilt and restarted (what npm start runs)
                     up and start take --topology dev|ha: dev (the default) runs one node of each kind;
                     ha runs three Kafka nodes and two replicas of every service. Reset to switch.
  supervise          the supervisor itself (up starts it in the background)
  backup <file>      the master keys, service credentials, CAs and every service's database in one file encrypted
                     with a passphrase (--passphrase-file <file> or GRIDLEDGER_BACKUP_PASSPHRASE); runs while the stack runs
  restore <file>     put a backup back over a stopped stack (same passphrase), then run up
  rotate-master-key  new master keys for identity and storage, every sealed key rewrapped under them, the old ones dropped
  kafka-user add <name> [--topics <pattern>] | list | remove <name>
                     read-only Kafka principals for outside consumers (grid operators' systems)

Settings: GRIDLEDGER_HOME (default ~/.cache/gridledger), GRIDLEDGER_PORT_<NAME> for each port,
GRIDLEDGER_TOPOLOGY (what --topology sets).`;

/** `--topology ha` or `--topology=ha`: the same as GRIDLEDGER_TOPOLOGY, which the configuration reads. */
function applyTopologyFlag(args: string[]): void {
  const at = args.findIndex((a) => a === '--topology' || a.startsWith('--topology='));
  if (at < 0) return;
  const flag = args[at] ?? '';
  const value = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : args[at + 1];
  if (!value) throw new StackError('--topology needs a value: dev or ha.');
  process.env['GRIDLEDGER_TOPOLOGY'] = value;
}

// kafkajs (used for the broker health probe) computes negative timeouts on newer Node; harmless noise
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') console.warn(`${warning.name}: ${warning.message}`);
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  applyTopologyFlag(rest);
  const config = loadStackConfig();
  const locked = <T>(work: () => Promise<T>) => withStackLock(config.paths, command ?? '', work);
  switch (command) {
    case 'up':
      await locked(() => up(config));
      return 0;
    case 'start':
      await locked(() => start(config));
      return 0;
    case 'down':
      await locked(() => down(config));
      return 0;
    case 'supervise':
      return supervise(config);
    case 'status':
      return (await printStatus(config)) ? 0 : 1;
    case 'logs':
      await logs(config, rest.find((a) => !a.startsWith('-')), rest.includes('--follow') || rest.includes('-f'));
      return 0;
    case 'deploy-chaincode':
      await locked(async () => deployAndServeChaincode(config, await provisionBinaries(config)));
      return 0;
    case 'env':
      env(config);
      return 0;
    case 'backup':
      await locked(() => backup(config, backupFileArgument(rest, 'backup'), backupPassphrase(rest)));
      return 0;
    case 'restore':
      await locked(async () => restore(config, backupFileArgument(rest, 'restore'), backupPassphrase(rest)));
      return 0;
    case 'rotate-master-key':
      await locked(() => rotateMasterKey(config));
      return 0;
    case 'kafka-user':
      await locked(() => kafkaUser(config, rest));
      return 0;
    case 'reset':
      await locked(() => reset(config));
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StackError) {
      console.error(`✘ ${error.message}`);
      if (error.hint) console.error(error.hint.replace(/^/gm, '    '));
    } else {
      // an unexpected failure still gets one readable line; the trace only on request
      console.error(`✘ ${error instanceof Error ? error.message : String(error)}`);
      if (process.env['GRIDLEDGER_DEBUG']) console.error(error);
    }
    process.exit(1);
  },
);
