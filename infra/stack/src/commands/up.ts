import { mkdirSync } from 'node:fs';
import { recordTopology } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { chaincodeServerComponent } from '../components/chaincode-server.ts';
import { ensureRunning } from '../components/ensure-running.ts';
import { ensureServiceDatabases } from '../components/postgres.ts';
import { infrastructureComponents } from '../components/stack-components.ts';
import { buildChaincode } from '../fabric/chaincode-source.ts';
import { deployChaincode, type DeployResult } from '../fabric/chaincode-lifecycle.ts';
import { ensureChannel } from '../fabric/channel.ts';
import { waitForEndorsement } from '../fabric/endorsement-readiness.ts';
import { ensureCryptoMaterial } from '../fabric/crypto-material.ts';
import { ensureKafkaPrincipals } from '../kafka/kafka-principals.ts';
import { applyPendingConsumerRewind } from '../backup/consumer-rewind.ts';
import { runningDaemon, startDaemon } from '../process/daemon.ts';
import { provisionBinaries, type BinaryLayout } from '../provision/binaries.ts';
import { platformServices } from '../services/platform-services.ts';
import { clearSupervisorState } from '../supervision/supervisor-state.ts';
import { supervisorDaemon, SUPERVISOR } from '../supervision/supervisor.ts';
import { formatDuration, step } from '../terminal/progress.ts';
import { printStatus } from './status.ts';

/** Builds, deploys and (re)starts the chaincode server for the current sources. */
export async function deployAndServeChaincode(config: StackConfig, binaries: BinaryLayout): Promise<DeployResult> {
  const sourceHash = await step('Compiling chaincode (skipped when unchanged)', () => buildChaincode(config));
  const deploy = await step('Chaincode definition on the channel (install, approve by every org, commit)', () =>
    deployChaincode(config, binaries, sourceHash),
  );
  const server = chaincodeServerComponent(config, deploy.packageId, deploy.version);
  const outcome = await ensureRunning(config, server, (record) => record.meta?.['packageId'] !== deploy.packageId);
  console.log(`  chaincode ${config.chaincode} version ${deploy.version}, sequence ${deploy.sequence}${deploy.changed ? ' (new definition committed)' : ''}; server ${outcome}`);
  return deploy;
}

export interface UpOptions {
  quiet?: boolean;
  /** restart every service even when it runs, so rebuilt bundles are picked up (`start`) */
  restartServices?: boolean;
}

/**
 * Everything, started where it is not running (what died is restarted): the components, the
 * channel and chaincode, the platform services, and the supervisor that restarts whatever dies
 * from then on. A person running it also gives crash-looping components a fresh start.
 */
export async function up(config: StackConfig, options: UpOptions = {}): Promise<void> {
  const started = Date.now();
  mkdirSync(config.paths.home, { recursive: true });
  recordTopology(config.paths.data, config.topology);
  clearSupervisorState(config.paths);
  const binaries = await provisionBinaries(config);
  if (await ensureCryptoMaterial(config, binaries)) console.log('✔ Generated Fabric crypto material (cryptogen)');

  const components = infrastructureComponents(config);
  await step(`Starting ${components.map((c) => c.name).join(', ')}`, async () => {
    const outcomes = await Promise.all(components.map(async (c) => `${c.name} ${await ensureRunning(config, c)}`));
    const changed = outcomes.filter((o) => !o.endsWith(' running'));
    if (changed.length > 0) console.log(`  ${changed.join(', ')}`);
  });
  console.log(`  ${await step('Kafka principals and ACLs', () => ensureKafkaPrincipals(config))}`);
  await ensureServiceDatabases(config);
  const rewind = await applyPendingConsumerRewind(config);
  if (rewind) console.log(`✔ After the restore: ${rewind}`);
  console.log(`  ${await step(`Channel ${config.channel}`, () => ensureChannel(config, binaries))}`);
  await deployAndServeChaincode(config, binaries);
  await step('Waiting until every organisation can endorse (gossip membership)', () => waitForEndorsement(config));
  for (const service of platformServices(config)) {
    await step(`${options.restartServices ? 'Building and starting' : 'Starting'} the ${service.name} service`, async () => {
      // a rebuilt bundle is only picked up by a fresh process
      const outcome = await ensureRunning(config, service, () => options.restartServices === true);
      console.log(`  ${service.name} ${outcome}`);
    });
  }
  if (!runningDaemon(config.paths, SUPERVISOR)) startDaemon(config.paths, supervisorDaemon(config));
  console.log(`\nStack is up, ${config.topology.name} topology (${formatDuration(Date.now() - started)}); the supervisor restarts whatever dies.\n`);
  if (!options.quiet) await printStatus(config);
}
