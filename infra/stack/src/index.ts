/**
 * The stack as a library, for test support: where each component is and how to reach it.
 * Starting and stopping stays with the CLI (`npm run stack -- up`).
 */
export { loadStackConfig, type StackConfig } from './config/stack-config.ts';
export { connectionInfo, type StackConnectionInfo, type OrganizationConnection, type KafkaPrincipal } from './connection-info.ts';
export { statusRows, type StatusRow } from './commands/status.ts';
export { buildService } from './services/build-service.ts';
export { platformEndpoints, type PlatformEndpoints } from './services/platform-endpoints.ts';
export { CREDENTIAL_HOLDERS, type CredentialHolder } from './services/service-credentials.ts';
export { KAFKA_SERVICE_PRINCIPALS, PUBLIC_TOPICS, SERVICE_KAFKA_ACCESS, type KafkaServicePrincipal } from './kafka/kafka-access.ts';
export { pidFilePath } from './process/daemon.ts';
export { readPidFile } from './process/pid-file.ts';
export { serviceDatabaseUrl } from './components/postgres.ts';
export { STACK_CLI_ARGS as STACK_CLI } from './runtime/stack-cli-args.ts';
export { BACKED_UP_PATHS, PGDATA } from './backup/backup-contents.ts';
