export { AccessTokenError, AccessTokenVerifier, PLATFORM_ROLES, type PlatformUser, type TokenProblem } from './access-token-verifier.ts';
