import type { StackConfig } from '../config/stack-config.ts';
import { ensureRunning } from '../components/ensure-running.ts';
import { identityFiles } from '../services/identity-service.ts';
import { platformServices } from '../services/platform-services.ts';
import { step } from '../terminal/progress.ts';
import { printStatus } from './status.ts';
import { up } from './up.ts';

/** `npm start`: the stack, then every service, then where to find everything. */
export async function start(config: StackConfig): Promise<void> {
  await up(config, { quiet: true });
  for (const service of platformServices(config)) {
    await step(`Building and starting the ${service.name} service`, async () => {
      // a rebuilt bundle is only picked up by a fresh process
      const outcome = await ensureRunning(config, service, () => true);
      console.log(`  ${service.name} ${outcome}`);
    });
  }
  console.log('');
  await printStatus(config);
  const { kafka, kuboApi, kuboGateway, postgres, identity, ledger, storage, accessPolicy, audit, web } = config.ports;
  console.log(`
GridLedger is running.
  Dashboard         http://127.0.0.1:${web}   the one public entry: sign in as a first admin (file below); API /api/…, OpenAPI /docs
  Identity service  http://127.0.0.1:${identity}   OpenAPI http://127.0.0.1:${identity}/docs
                    first admins (one per organisation): ${identityFiles(config).bootstrap}
  Ledger service    http://127.0.0.1:${ledger}   OpenAPI http://127.0.0.1:${ledger}/docs   metrics /metrics
  Storage service   http://127.0.0.1:${storage}   OpenAPI http://127.0.0.1:${storage}/docs
  Access policy     http://127.0.0.1:${accessPolicy}   OpenAPI http://127.0.0.1:${accessPolicy}/docs
  Audit service     http://127.0.0.1:${audit}   OpenAPI http://127.0.0.1:${audit}/docs
  Kafka             127.0.0.1:${kafka}
  IPFS RPC API      http://127.0.0.1:${kuboApi}   gateway http://127.0.0.1:${kuboGateway}
  PostgreSQL        127.0.0.1:${postgres}   (credentials: npm run stack -- env)
  Fabric channel    ${config.channel}, chaincode ${config.chaincode}
  Logs              npm run stack -- logs <component>
  Stop              npm run stack -- down`);
}
