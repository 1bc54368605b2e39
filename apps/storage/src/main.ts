import 'reflect-metadata';
import { ledgerClientErrors } from '@gridledger/ledger-client';
import { bootstrapService } from '@gridledger/nest-service';
import { StorageModule } from './app.module.ts';
import { storageHttpErrors } from './common/storage-http-errors.ts';
import { loadStorageConfig } from './config/storage-config.ts';

void bootstrapService({
  name: 'storage',
  loadConfig: loadStorageConfig,
  module: (config) => StorageModule.forConfig(config),
  address: (config) => ({ port: config.STORAGE_PORT, host: config.STORAGE_HOST }),
  openApi: {
    title: 'GridLedger storage service',
    description: 'Encrypted files on IPFS, anchored on chain: upload, status, download through the platform, key release to consumers.',
  },
  errors: [storageHttpErrors, ledgerClientErrors],
  // the body of an upload is streamed by the upload service, never parsed into memory
  nestOptions: { bodyParser: true },
  listening: (server) => {
    // large uploads and downloads take longer than Node's default request timeout
    server.requestTimeout = 0;
  },
});
