/**
 * The stack as a library, for tests that need more than where things are (which is
 * `@gridledger/stack-connection`): its settings, status, Kafka ACL table and backup contents.
 * Starting and stopping stays with the CLI (`npm run stack -- up`).
 */
export { loadStackConfig, type StackConfig } from './config/stack-config.ts';
export { statusRows, type StatusRow } from './commands/status.ts';
export { buildService } from './services/build-service.ts';
export { PUBLIC_TOPICS, SERVICE_KAFKA_ACCESS } from './kafka/kafka-access.ts';
export { BACKED_UP_PATHS, PGDATA } from './backup/backup-contents.ts';
