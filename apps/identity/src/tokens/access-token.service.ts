import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { IdentityError } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import type { Role } from '@gridledger/domain';
import { JWT_ALGORITHM, SigningKeysService } from './signing-keys.service.ts';

export interface AccessClaims {
  sub: string;
  org: string;
  role: Role;
  username: string;
}

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly signingKeys: SigningKeysService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async issue(claims: AccessClaims): Promise<{ accessToken: string; expiresIn: number }> {
    const { kid, key } = await this.signingKeys.current();
    const { issuer, audience, accessTtlSeconds } = this.config.jwt;
    const accessToken = await new SignJWT({ org: claims.org, role: claims.role, username: claims.username })
      .setProtectedHeader({ alg: JWT_ALGORITHM, kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${accessTtlSeconds}s`)
      .sign(key);
    return { accessToken, expiresIn: accessTtlSeconds };
  }

  /**
   * Only ES256 with a key from our own JWKS, our issuer and audience: `alg: none`, an HMAC
   * signed with the public key, a foreign key or an expired token all fail here.
   */
  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(await this.signingKeys.jwks()), {
        algorithms: [JWT_ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const { sub, org, role, username } = payload as Partial<AccessClaims>;
      if (!sub || typeof org !== 'string' || typeof role !== 'string' || typeof username !== 'string') throw new Error('claims missing');
      return { sub, org, role, username };
    } catch (error) {
      const reason = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED' ? 'the access token has expired' : 'the access token is not valid';
      throw new IdentityError('INVALID_TOKEN', reason);
    }
  }
}
