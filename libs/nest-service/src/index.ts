export { listenOnSharedPort, listenServerOnSharedPort } from './shared-port.ts';
export { outboxPublisherProvider, type OutboxPublisherProviderOptions } from './outbox-publisher.provider.ts';
export { MetricsModule } from './metrics/metrics.module.ts';
export { ServiceMetrics, type ObservedConsumer, type ObservedFigure, type Sample } from './metrics/service-metrics.ts';
export { LINK_TTL_SECONDS, OneTimeLinks, oneTimeLinksTableSql, type LinkOwner } from './links/one-time-links.ts';
export { ServiceFoundationModule, useServiceLogs } from './service-foundation.module.ts';
export { loggableUrl } from './logging/json-logs.ts';
