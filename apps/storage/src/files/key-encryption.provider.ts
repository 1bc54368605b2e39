import { LocalKeyEncryptionService, type KeyEncryptionService } from '@gridledger/file-crypto';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

export const KEY_ENCRYPTION_SERVICE = Symbol('KEY_ENCRYPTION_SERVICE');

/** The local KMS; Vault Transit or a cloud KMS would be another provider behind the same interface. */
export const keyEncryptionProvider = {
  provide: KEY_ENCRYPTION_SERVICE,
  inject: [STORAGE_CONFIG],
  useFactory: (config: StorageConfig): KeyEncryptionService => LocalKeyEncryptionService.fromConfig(config.STORAGE_MASTER_KEYS),
};
