import { SENSITIVITIES, type DataAsset, type Sensitivity } from '@gridledger/domain';
import type { PlatformUser } from '@gridledger/nest-service';
import { LedgerRefusalError, LedgerUnavailableError } from '@gridledger/ledger-client';
import { DependencyUnavailableError, StorageError } from '../common/storage-error.ts';

/**
 * A new version of a data product is checked against the chain before a byte of the file is
 * stored, so an upload the chaincode would refuse pins nothing. The chaincode checks again and
 * alone knows whether `previous` is still the product's latest version.
 */
export async function checkVersionOf(readAsset: (id: string) => Promise<DataAsset>, user: PlatformUser, versionOf: string, sensitivity: Sensitivity): Promise<void> {
  let previous: DataAsset;
  try {
    previous = await readAsset(versionOf);
  } catch (error) {
    if (error instanceof LedgerRefusalError && error.status === 404) throw new StorageError('NOT_FOUND', `metadata.versionOf: asset ${versionOf} does not exist`, 404);
    if (error instanceof LedgerUnavailableError) throw new DependencyUnavailableError(error.message);
    throw error;
  }
  if (previous.owner.uid !== user.id || previous.owner.mspId !== user.mspId) {
    throw new StorageError('FORBIDDEN', `only the owner of asset ${versionOf} may publish a new version of its product`, 403);
  }
  if (previous.status === 'frozen') throw new StorageError('FROZEN', `asset ${versionOf} is frozen by the regulator; its product takes no new version`, 409);
  if (SENSITIVITIES.indexOf(sensitivity) < SENSITIVITIES.indexOf(previous.sensitivity)) {
    throw new StorageError('INVALID_METADATA', `metadata.sensitivity: a new version cannot be below the previous version's (${previous.sensitivity})`);
  }
}
