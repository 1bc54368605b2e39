export { listenOnSharedPort, listenServerOnSharedPort } from './shared-port.ts';
export { outboxPublisherProvider, type OutboxPublisherProviderOptions } from './outbox-publisher.provider.ts';
