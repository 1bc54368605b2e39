export { listenOnSharedPort, listenServerOnSharedPort } from './shared-port.ts';
export { outboxPublisherProvider, type OutboxPublisherProviderOptions } from './outbox-publisher.provider.ts';
export { ServiceMetrics } from './metrics/service-metrics.ts';
export { OneTimeLinks, oneTimeLinksTableSql } from './links/one-time-links.ts';
export { ServiceFoundationModule, useServiceLogs } from './service-foundation.module.ts';
export { databaseOutageBody } from './errors/database-outage.ts';
export { ServiceExceptionFilter } from './errors/service-exception.filter.ts';
