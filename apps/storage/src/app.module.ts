import { suspensionFeedProvider } from '@gridledger/access-token';
import { callerAuthProvider, inboxProvider, ServiceFoundationModule, outboxPublisherProvider } from '@gridledger/nest-service';
import { Module, type DynamicModule } from '@nestjs/common';
import { LedgerAnswersConsumer } from './anchoring/ledger-answers.consumer.ts';
import { STORAGE_CONFIG, type StorageConfig } from './config/storage-config.ts';
import { StorageDatabase } from './database/storage-database.ts';
import { AccessCheck } from './downloads/access-check.ts';
import { DownloadService } from './downloads/download.service.ts';
import { DownloadRecords } from './downloads/download-records.ts';
import { DownloadTickets } from './downloads/download-tickets.ts';
import { DownloadLinksController } from './downloads/download-links.controller.ts';
import { DownloadLinks } from './downloads/download-links.ts';
import { DownloadsController } from './downloads/downloads.controller.ts';
import { FileRecords } from './files/file-records.ts';
import { FilesController } from './files/files.controller.ts';
import { keyEncryptionProvider } from './files/key-encryption.provider.ts';
import { UploadProgressRegistry } from './files/upload-progress.ts';
import { UploadService } from './files/upload.service.ts';
import { HealthController } from './health/health.controller.ts';
import { InternalController } from './internal/internal.controller.ts';
import { LedgerCommands } from './ledger/ledger-commands.ts';
import { StorageLimits } from './limits/request-limits.ts';
import { KuboStore } from './ipfs/kubo-store.ts';
import { PinReleases } from './ipfs/pin-releases.ts';
import { KeyReleaseRequestsConsumer } from './key-release/key-release-requests.consumer.ts';
import { KeyReleaseService } from './key-release/key-release.service.ts';
import { KeyRotationService } from './key-rotation/key-rotation.service.ts';
import { LedgerClient } from './ledger/ledger-client.ts';
import { MasterKeyController } from './master-key/master-key.controller.ts';
import { MasterKeyRewrapService } from './master-key/master-key-rewrap.service.ts';

@Module({})
export class StorageModule {
  static forConfig(config: StorageConfig): DynamicModule {
    return {
      module: StorageModule,
      imports: [ServiceFoundationModule.forService('storage')],
      controllers: [HealthController, FilesController, DownloadsController, DownloadLinksController, InternalController, MasterKeyController, LedgerAnswersConsumer, KeyReleaseRequestsConsumer],
      providers: [
        { provide: STORAGE_CONFIG, useValue: config },
        keyEncryptionProvider,
        StorageDatabase, KuboStore, PinReleases, LedgerClient, LedgerCommands, { provide: StorageLimits, useValue: new StorageLimits(config.STORAGE_UPLOADS_IN_FLIGHT_PER_USER, config.STORAGE_KEY_RELEASES_PER_GRANT_PER_MINUTE) }, FileRecords, UploadProgressRegistry, UploadService,
        AccessCheck, DownloadService, DownloadLinks, DownloadTickets, DownloadRecords, KeyReleaseService, KeyRotationService, MasterKeyRewrapService, suspensionFeedProvider(STORAGE_CONFIG, 'storage'),
        inboxProvider<StorageConfig, StorageDatabase>(STORAGE_CONFIG, StorageDatabase, (config, database) => ({ kafka: config.kafka, pool: database.pool })),
        callerAuthProvider<StorageConfig>(STORAGE_CONFIG, (config) => ({ audience: 'storage', registry: config.auth.registry, identityUrl: config.STORAGE_IDENTITY_URL })),
        outboxPublisherProvider<StorageConfig>({
          configToken: STORAGE_CONFIG,
          options: (config) => ({
            databaseUrl: config.STORAGE_DATABASE_URL,
            kafka: config.kafka,
            clientId: 'gridledger-storage',
            // ledger commands wait in here while a download or key release waits for their answer
            pollIntervalMs: 50,
          }),
        }),
      ],
    };
  }
}
