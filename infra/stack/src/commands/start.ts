import { identityFiles, stackCaFiles } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { printStatus } from './status.ts';
import { up } from './up.ts';

/** `npm start`: everything `up` starts, every service rebuilt and restarted, then where to find everything. */
export async function start(config: StackConfig): Promise<void> {
  await up(config, { quiet: true, restartServices: true });
  await printStatus(config);
  const { kafka, kuboApi, kuboGateway, postgres, identity, ledger, storage, accessPolicy, audit, web, webHttps } = config.ports;
  console.log(`
GridLedger is running.
  Dashboard         http://127.0.0.1:${web}   the one public entry: sign in as a first admin (file below); API /api/…, OpenAPI /docs
                    https://127.0.0.1:${webHttps}   the same over TLS (certificate from the stack's CA: ${stackCaFiles(config).caCert})
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
