import type { StackConfig } from '../config/stack-config.ts';
import { up } from './up.ts';

/**
 * `npm start`: the stack, then every service. No service exists yet; as the services land,
 * each registers here, so this stays the one command that runs the whole platform.
 */
export async function start(config: StackConfig): Promise<void> {
  await up(config);
  const { kafka, kuboApi, kuboGateway, postgres } = config.ports;
  console.log(`
GridLedger is running.
  Kafka            127.0.0.1:${kafka}
  IPFS RPC API     http://127.0.0.1:${kuboApi}   gateway http://127.0.0.1:${kuboGateway}
  PostgreSQL       127.0.0.1:${postgres}   (credentials: npm run stack -- env)
  Fabric channel   ${config.channel}, chaincode ${config.chaincode}
  Logs             npm run stack -- logs <component>
  Stop             npm run stack -- down
Services: none yet (apps/ is empty); the stack above is what they will run on.`);
}
