import { AccessTokenError, AccessTokenVerifier, tokenRefusal, type PlatformUser } from '@gridledger/access-token';
import { Inject, Injectable } from '@nestjs/common';
import { ENTRY_CONFIG, type EntryConfig } from '../config/entry-config.ts';

export type VerifiedUser = PlatformUser;

/** The first of two checks of every access token: here at the entry, again in the service that answers. */
@Injectable()
export class UserVerifier {
  private readonly verifier: AccessTokenVerifier;

  constructor(@Inject(ENTRY_CONFIG) config: EntryConfig) {
    this.verifier = AccessTokenVerifier.forIdentityService(config.WEB_IDENTITY_URL);
  }

  /** The user, or the refusal to answer with: the same status and code the services give. */
  async verify(authorization: string | undefined): Promise<{ user: VerifiedUser } | { problem: string; status: number; code: string }> {
    try {
      return { user: await this.verifier.verifyHeader(authorization) };
    } catch (error) {
      if (error instanceof AccessTokenError) return { problem: error.message, ...tokenRefusal(error) };
      throw error;
    }
  }
}
