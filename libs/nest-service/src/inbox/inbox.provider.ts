import type { INestApplication, InjectionToken, Provider } from '@nestjs/common';
import { ServiceMetrics } from '../metrics/service-metrics.ts';
import { InboxConsumers, type InboxConnection } from './inbox-consumers.ts';
import { InboxTransport } from './inbox-transport.ts';

/**
 * A service's inbox, as a provider: the Kafka connection and database pool its `@InboxEvents`
 * handlers consume with, chosen from the service's config and database provider.
 */
export function inboxProvider<Config, Database>(configToken: InjectionToken, databaseToken: InjectionToken, connection: (config: Config, database: Database) => InboxConnection): Provider {
  return {
    provide: InboxConsumers,
    inject: [configToken, databaseToken, ServiceMetrics],
    useFactory: (config: Config, database: Database, metrics: ServiceMetrics) => new InboxConsumers(connection(config, database), metrics),
  };
}

/**
 * Makes the app a hybrid one when the service has an inbox: the modules initialised first (its
 * schema migrated), then the inbox transport listening, then HTTP.
 */
export async function startInbox(app: INestApplication): Promise<void> {
  let consumers: InboxConsumers;
  try {
    consumers = app.get(InboxConsumers, { strict: false });
  } catch {
    return;
  }
  app.connectMicroservice({ strategy: new InboxTransport(consumers) });
  await app.init();
  await app.startAllMicroservices();
}
