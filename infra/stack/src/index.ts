/**
 * The stack as a library, for test support: where each component is and how to reach it.
 * Starting and stopping stays with the CLI (`npm run stack -- up`).
 */
export { loadStackConfig, type StackConfig } from './config/stack-config.ts';
export { connectionInfo, type StackConnectionInfo, type OrganizationConnection } from './connection-info.ts';
export { statusRows, type StatusRow } from './commands/status.ts';
export { buildService } from './services/build-service.ts';
export { platformEndpoints, type PlatformEndpoints } from './services/platform-endpoints.ts';
export { pidFilePath } from './process/daemon.ts';
export { readPidFile } from './process/pid-file.ts';
export { serviceDatabaseUrl } from './components/postgres.ts';
