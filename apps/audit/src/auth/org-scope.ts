import type { PlatformUser } from '@gridledger/nest-service';
import { isRegulator } from '@gridledger/domain';

/** An admin sees their own organisation; a regulator whatever they ask for. */
export const orgScope = (user: PlatformUser, requested: string | undefined): string | undefined => (isRegulator(user.role, user.mspId) ? requested : user.mspId);
