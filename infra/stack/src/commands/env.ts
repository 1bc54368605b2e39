import { connectionInfo, serviceDatabaseUrl } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';

/**
 * Shell exports for the services and tools: `eval "$(npm run -s stack -- env)"`.
 * It prints credentials on purpose, to the terminal that asked, and nowhere else.
 */
export function env(config: StackConfig): void {
  const info = connectionInfo(config);
  const lines = [
    `export GRIDLEDGER_HOME='${config.paths.home}'`,
    `export KAFKA_BROKERS='${info.kafka.brokers.join(',')}'`,
    // every listener is SASL_SSL with SCRAM-SHA-512; this is the operator principal (a super user)
    `export KAFKA_SECURITY_PROTOCOL='SASL_SSL'`,
    `export KAFKA_SASL_MECHANISM='SCRAM-SHA-512'`,
    `export KAFKA_USERNAME='${info.kafka.admin.username}'`,
    `export KAFKA_PASSWORD='${info.kafka.admin.password}'`,
    `export KAFKA_CA_FILE='${info.kafka.caFile}'`,
    `export IPFS_API_URL='${info.ipfs.apiUrl}'`,
    `export IPFS_GATEWAY_URL='${info.ipfs.gatewayUrl}'`,
    ...Object.keys(info.postgres.credentials.services).map((name) => `export DATABASE_URL_${name.toUpperCase()}='${serviceDatabaseUrl(config, name)}'`),
    `export FABRIC_CHANNEL='${info.fabric.channel}'`,
    `export FABRIC_CHAINCODE='${info.fabric.chaincode}'`,
  ];
  console.log(lines.join('\n'));
}
