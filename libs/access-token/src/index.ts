export { AccessTokenError, AccessTokenVerifier, PLATFORM_ROLES, type PlatformUser, type TokenProblem } from './access-token-verifier.ts';
export { isServiceCredential } from './service-credential.ts';
