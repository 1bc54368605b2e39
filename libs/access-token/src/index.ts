export { AccessTokenError, AccessTokenVerifier, tokenRefusal, type PlatformUser, type TokenProblem } from './access-token-verifier.ts';
export { StaticSuspensions, SuspensionFeed, suspensionFeedProvider, type SuspensionList } from './suspension-feed.ts';
