export { AccessTokenError, AccessTokenVerifier, tokenRefusal, PLATFORM_ROLES, type PlatformUser, type TokenProblem } from './access-token-verifier.ts';
export { StaticSuspensions, SuspensionFeed, suspensionFeedProvider, type SuspensionList } from './suspension-feed.ts';
