import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AccessTokenError, AccessTokenVerifier } from './access-token-verifier.ts';

const keyPair = await generateKeyPair('ES256');
const jwk = { ...(await exportJWK(keyPair.publicKey)), kid: 'k1', alg: 'ES256' };
const verifier = new AccessTokenVerifier({ keys: [jwk] });

const token = (claims: Record<string, unknown>, options: { issuer?: string; audience?: string; expires?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11')
    .setIssuer(options.issuer ?? 'gridledger-identity')
    .setAudience(options.audience ?? 'gridledger')
    .setExpirationTime(options.expires ?? '5m')
    .sign(keyPair.privateKey);

describe('AccessTokenVerifier', () => {
  it('reads the user, organisation and role from a valid token', async () => {
    await expect(verifier.verifyHeader(`Bearer ${await token({ org: 'GridMSP', role: 'owner' })}`)).resolves.toEqual({ id: '0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11', mspId: 'GridMSP', role: 'owner' });
  });

  it("refuses a suspended user's still valid token, and takes it again once they are reactivated", async () => {
    const suspended = new Set(['0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11']);
    const strict = new AccessTokenVerifier({ keys: [jwk] }, { isSuspended: (id) => suspended.has(id) });
    const valid = `Bearer ${await token({ org: 'GridMSP', role: 'owner' })}`;
    await expect(strict.verifyHeader(valid)).rejects.toMatchObject({ problem: 'suspended', message: expect.stringMatching(/suspended/) });
    suspended.clear();
    await expect(strict.verifyHeader(valid)).resolves.toMatchObject({ role: 'owner' });
  });

  it('refuses a missing header, another issuer or audience, an expired token and an unknown role', async () => {
    await expect(verifier.verifyHeader(undefined)).rejects.toMatchObject({ problem: 'missing' });
    for (const bad of [
      await token({ org: 'GridMSP', role: 'owner' }, { issuer: 'someone-else' }),
      await token({ org: 'GridMSP', role: 'owner' }, { audience: 'other' }),
      await token({ org: 'GridMSP', role: 'owner' }, { expires: '-1m' }),
      await token({ org: 'GridMSP', role: 'superuser' }),
      await token({ role: 'owner' }),
    ]) {
      const error = await verifier.verify(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccessTokenError);
      expect(error).toMatchObject({ problem: 'invalid' });
    }
  });

  it('refuses a token signed by another key', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ org: 'RegulatorMSP', role: 'regulator' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('x').setIssuer('gridledger-identity').setAudience('gridledger').setExpirationTime('5m').sign(other.privateKey);
    await expect(verifier.verify(forged)).rejects.toMatchObject({ problem: 'invalid' });
  });
});
