import { suspensionFeedProvider } from '@gridledger/access-token';
import { callerAuthProvider, inboxProvider, ServiceFoundationModule, outboxPublisherProvider } from '@gridledger/nest-service';
import { Module, type DynamicModule } from '@nestjs/common';
import { AccountsController } from './accounts/accounts.controller.ts';
import { AssetDetailsController } from './assets/asset-details.controller.ts';
import { CatalogController } from './catalog/catalog.controller.ts';
import { CatalogRepository } from './catalog/catalog.repository.ts';
import { UserStandingClient } from './identity/user-standing.ts';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from './config/access-policy-config.ts';
import { AccessPolicyDatabase } from './database/access-policy-database.ts';
import { ExpiryJob } from './expiry/expiry.job.ts';
import { HealthController } from './health/health.controller.ts';
import { InboxController } from './inbox/inbox.controller.ts';
import { NotificationFeed } from './notifications/notification-feed.ts';
import { NotificationsConsumer } from './notifications/notifications.consumer.ts';
import { NotificationsController } from './notifications/notifications.controller.ts';
import { WebhookDeliveryJob } from './webhooks/webhook-delivery.job.ts';
import { WebhooksController } from './webhooks/webhooks.controller.ts';
import { LedgerAnswersConsumer } from './ledger/ledger-answers.consumer.ts';
import { LedgerGateway } from './ledger/ledger-gateway.ts';
import { PoliciesController } from './policies/policies.controller.ts';
import { InternalController } from './read-model/internal.controller.ts';
import { OperatorController } from './read-model/operator.controller.ts';
import { ReadModelRebuild } from './read-model/read-model-rebuild.ts';
import { ReadModelConsumer } from './read-model/read-model.consumer.ts';
import { ReadModelProjector } from './read-model/read-model.projector.ts';
import { RequestsController } from './requests/requests.controller.ts';
import { RequestsService } from './requests/requests.service.ts';
import { SupervisionController } from './supervision/supervision.controller.ts';

@Module({})
export class AccessPolicyModule {
  static forConfig(config: AccessPolicyConfig): DynamicModule {
    return {
      module: AccessPolicyModule,
      imports: [ServiceFoundationModule.forService('access-policy')],
      controllers: [HealthController, CatalogController, RequestsController, InboxController, PoliciesController, AssetDetailsController, SupervisionController, AccountsController, OperatorController, InternalController, ReadModelConsumer, LedgerAnswersConsumer, NotificationsController, NotificationsConsumer, WebhooksController],
      providers: [
        { provide: ACCESS_POLICY_CONFIG, useValue: config },
        AccessPolicyDatabase, CatalogRepository, LedgerGateway, UserStandingClient, ReadModelProjector, ReadModelRebuild,
        RequestsService, ExpiryJob, NotificationFeed, WebhookDeliveryJob, suspensionFeedProvider(ACCESS_POLICY_CONFIG, 'access-policy'),
        inboxProvider<AccessPolicyConfig, AccessPolicyDatabase>(ACCESS_POLICY_CONFIG, AccessPolicyDatabase, (config, database) => ({ kafka: config.kafka, pool: database.pool })),
        callerAuthProvider<AccessPolicyConfig>(ACCESS_POLICY_CONFIG, (config) => ({ audience: 'access-policy', registry: config.auth.registry, identityUrl: config.ACCESS_POLICY_IDENTITY_URL })),
        outboxPublisherProvider<AccessPolicyConfig>({
          configToken: ACCESS_POLICY_CONFIG,
          options: (config) => ({
            databaseUrl: config.ACCESS_POLICY_DATABASE_URL,
            kafka: config.kafka,
            clientId: 'gridledger-access-policy',
            // ledger commands wait in here while an HTTP request waits for their answer
            pollIntervalMs: 50,
          }),
        }),
      ],
    };
  }
}
