import { AccessTokenVerifier, SuspensionFeed } from '@gridledger/access-token';
import type { ServiceKeyRegistry, ServiceName } from '@gridledger/service-auth';
import type { FactoryProvider, InjectionToken } from '@nestjs/common';

/** What the shared guards need to know of the service they guard. */
export interface CallerAuth {
  /** this service: a service token minted for another is refused */
  audience: ServiceName;
  /** the services' public keys, for service tokens */
  registry: ServiceKeyRegistry;
  /** users' access tokens, for a service with user-facing routes */
  users?: AccessTokenVerifier;
}

export const CALLER_AUTH = Symbol('CALLER_AUTH');

export interface CallerAuthSettings {
  audience: ServiceName;
  registry: ServiceKeyRegistry;
  /** the identity service whose JWKS signs users' access tokens; none for a service no user calls */
  identityUrl?: string;
}

/**
 * The provider behind ServiceGuard and UserGuard, built from the service's own configuration. A
 * service with user routes must also provide the SuspensionFeed, so a frozen user is refused at once.
 */
export function callerAuthProvider<Config>(configToken: InjectionToken, settings: (config: Config) => CallerAuthSettings): FactoryProvider<CallerAuth> {
  return {
    provide: CALLER_AUTH,
    inject: [configToken, { token: SuspensionFeed, optional: true }],
    useFactory: (config: Config, suspensions: SuspensionFeed | undefined): CallerAuth => {
      const { audience, registry, identityUrl } = settings(config);
      if (identityUrl === undefined) return { audience, registry };
      if (!suspensions) throw new Error(`the ${audience} service checks users' tokens, so its module must provide the SuspensionFeed`);
      return { audience, registry, users: AccessTokenVerifier.forIdentityService(identityUrl, suspensions) };
    },
  };
}
