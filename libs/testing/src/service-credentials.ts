import { loadServiceCredential, loadServiceKeyRegistry, type PrincipalName, type ServiceCredential, type ServiceKeyRegistry, type ServiceName } from '@gridledger/service-auth';
import { loadConnectionConfig, platformEndpoints } from '@gridledger/stack-connection';

const credentials = new Map<PrincipalName, ServiceCredential>();

/** A service's (or the operator's) own credential, from the key files the stack generated. */
export function credentialOf(holder: PrincipalName): ServiceCredential {
  let credential = credentials.get(holder);
  if (!credential) {
    const { serviceKeys } = platformEndpoints(loadConnectionConfig());
    if (holder === 'web-entry') throw new Error('the public entry holds no credential of its own');
    credential = loadServiceCredential(holder, serviceKeys.privateKey(holder));
    credentials.set(holder, credential);
  }
  return credential;
}

/** `Bearer <service token>` for calling `audience` as `holder`. */
export async function serviceBearer(holder: PrincipalName, audience: ServiceName): Promise<string> {
  return `Bearer ${await credentialOf(holder).token(audience)}`;
}

/** Everyone's public keys, as the services read them. */
export function serviceKeyRegistry(): ServiceKeyRegistry {
  return loadServiceKeyRegistry(platformEndpoints(loadConnectionConfig()).serviceKeys.registry);
}

/** The operator's service token for `audience`, as `npm run stack` commands carry it. */
export function operatorToken(audience: ServiceName): Promise<string> {
  return credentialOf('operator').token(audience);
}
