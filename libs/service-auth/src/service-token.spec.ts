import { createPrivateKey } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServiceCredential } from './service-credential.ts';
import { generateServiceKeyPair } from './service-key-pair.ts';
import { ServiceKeyRegistry } from './service-key-registry.ts';
import type { PrincipalName } from './service-names.ts';
import { ServiceAuthError, verifyServiceToken } from './service-token.ts';

const pairs = { ledger: generateServiceKeyPair(), storage: generateServiceKeyPair(), operator: generateServiceKeyPair() };
const registry = ServiceKeyRegistry.fromJwks({ ledger: pairs.ledger.publicJwk, storage: pairs.storage.publicJwk, operator: pairs.operator.publicJwk });
const credential = (name: keyof typeof pairs, now?: () => number) => ServiceCredential.fromPem(name, pairs[name].privateKeyPem, now);
const verify = (header: string | undefined, accept: readonly PrincipalName[] = ['ledger'], now?: Date) => verifyServiceToken(header, { registry, audience: 'identity', accept, ...(now ? { now } : {}) });
const bearer = async (token: Promise<string> | string) => `Bearer ${await token}`;

async function refusal(promise: Promise<unknown>): Promise<ServiceAuthError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceAuthError);
  return error as ServiceAuthError;
}

/** A token signed with `name`'s key but shaped by the test. */
const forged = (name: keyof typeof pairs, claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  new SignJWT({ iss: name, sub: name, aud: 'identity', jti: 'j', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'gridledger-service+jwt', ...header })
    .sign(createPrivateKey(pairs[name].privateKeyPem));

describe('verifyServiceToken', () => {
  it('names the caller of a valid token it accepts', async () => {
    await expect(verify(await bearer(credential('ledger').token('identity')))).resolves.toBe('ledger');
    await expect(verify(await bearer(credential('operator').token('identity')), ['operator'])).resolves.toBe('operator');
  });

  it('refuses another valid service with 403 SERVICE_NOT_PERMITTED', async () => {
    const error = await refusal(verify(await bearer(credential('storage').token('identity'))));
    expect(error).toMatchObject({ code: 'SERVICE_NOT_PERMITTED', status: 403, message: 'the storage service may not call this endpoint' });
    expect(await refusal(verify(await bearer(credential('operator').token('identity'))))).toMatchObject({ message: 'the operator may not call this endpoint' });
    expect(await refusal(verify(await bearer(credential('ledger').token('identity')), []))).toMatchObject({ code: 'SERVICE_NOT_PERMITTED' });
  });

  it('refuses a missing or malformed header with 401', async () => {
    for (const header of [undefined, '', 'Bearer', 'Basic abc', 'Bearer not-a-jwt', `bearer ${await credential('ledger').token('identity')}`]) {
      expect(await refusal(verify(header))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED', status: 401 });
    }
    expect((await refusal(verify(undefined))).message).toBe('this endpoint needs a service token (Authorization: Bearer <token>)');
  });

  it('refuses an expired token, one for another audience and one from an unknown issuer', async () => {
    const old = await credential('ledger', () => Date.now() - 200_000).token('identity');
    expect(await refusal(verify(`Bearer ${old}`))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED', message: 'the service token has expired' });
    expect(await refusal(verify(await bearer(credential('ledger').token('storage'))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED', message: 'the service token was minted for another service' });
    const audit = ServiceCredential.fromPem('audit', generateServiceKeyPair().privateKeyPem);
    expect(await refusal(verify(await bearer(audit.token('identity')), ['audit']))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED', message: 'the service token is from an unknown issuer' });
    expect(await refusal(verify(await bearer(forged('ledger', { iss: 'root', sub: 'root' }))))).toMatchObject({ message: 'the service token is from an unknown issuer' });
  });

  it('refuses a token signed with another key than the registry holds for its issuer', async () => {
    const impostor = ServiceCredential.fromPem('ledger', generateServiceKeyPair().privateKeyPem);
    expect(await refusal(verify(await bearer(impostor.token('identity'))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED', message: 'the service token is not valid' });
    // storage signs a token that claims to be the ledger
    expect(await refusal(verify(await bearer(forged('storage', { iss: 'ledger', sub: 'ledger' }))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
  });

  it('ignores keys a token brings itself (jwk header) and refuses other algorithms and types', async () => {
    const attacker = generateServiceKeyPair();
    const attackerKey = createPrivateKey(attacker.privateKeyPem);
    const withJwk = await new SignJWT({ iss: 'ledger', sub: 'ledger', aud: 'identity', jti: 'j' })
      .setProtectedHeader({ alg: 'ES256', typ: 'gridledger-service+jwt', jwk: await exportJWK(attackerKey) })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(attackerKey);
    expect(await refusal(verify(`Bearer ${withJwk}`))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
    const hmac = await new SignJWT({ iss: 'ledger', sub: 'ledger', aud: 'identity', jti: 'j' }).setProtectedHeader({ alg: 'HS256', typ: 'gridledger-service+jwt' }).setIssuedAt().setExpirationTime('1m').sign(new Uint8Array(32));
    expect(await refusal(verify(`Bearer ${hmac}`))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
    expect(await refusal(verify(await bearer(forged('ledger', {}, { typ: 'gridledger-attestation+jwt' }))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
    expect(await refusal(verify(await bearer(forged('ledger', {}, { typ: 'JWT' }))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
  });

  it('refuses a token whose subject is not its issuer, that lacks a jti, or that is too old whatever its exp says', async () => {
    expect(await refusal(verify(await bearer(forged('ledger', { sub: 'storage' }))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
    expect(await refusal(verify(await bearer(forged('ledger', { jti: undefined }))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(verify(await bearer(forged('ledger', { iat: now - 400, exp: now + 3600 }))))).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
  });

  it('allows hosts whose clocks differ by a few seconds', async () => {
    const token = await bearer(credential('ledger', () => Date.now() + 10_000).token('identity'));
    await expect(verify(token)).resolves.toBe('ledger');
    await expect(verify(token, ['ledger'], new Date(Date.now() + 140_000))).resolves.toBe('ledger');
  });

  describe('a token it has verified, asked again', () => {
    afterEach(() => vi.useRealTimers());

    it('is still checked for the endpoint, the audience and the key the registry holds now', async () => {
      const token = await bearer(credential('ledger').token('identity'));
      await expect(verify(token)).resolves.toBe('ledger');
      await expect(verify(token)).resolves.toBe('ledger');
      expect(await refusal(verify(token, ['storage']))).toMatchObject({ code: 'SERVICE_NOT_PERMITTED' });
      expect(await refusal(verifyServiceToken(token, { registry, audience: 'storage', accept: ['ledger'] }))).toMatchObject({ message: 'the service token was minted for another service' });
      // the ledger's key replaced in the registry: what the old key signed is no longer taken
      const rotated = ServiceKeyRegistry.fromJwks({ ledger: generateServiceKeyPair().publicJwk });
      expect(await refusal(verifyServiceToken(token, { registry: rotated, audience: 'identity', accept: ['ledger'] }))).toMatchObject({ message: 'the service token is not valid' });
    });

    it('is refused once it has expired', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const token = await bearer(credential('ledger').token('identity'));
      await expect(verify(token)).resolves.toBe('ledger');
      vi.setSystemTime(Date.now() + 155_000);
      expect(await refusal(verify(token))).toMatchObject({ message: 'the service token has expired' });
    });
  });
});
