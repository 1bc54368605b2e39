import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { ATTESTATION_TYPE, attestationClaims, DEFAULT_ATTESTATION_SECONDS, type AttestedCall } from './attestation.ts';
import { readFailure, readTextFile, type ReadTextFile } from './read-text-file.ts';
import { parseP256PrivateKey } from './service-key-pair.ts';
import type { PrincipalName, ServiceName } from './service-names.ts';
import { SERVICE_TOKEN_LIFETIME_SECONDS, SERVICE_TOKEN_TYPE } from './service-token.ts';

/** A cached token is replaced this long before it expires, so it never expires in flight. */
const REFRESH_BEFORE_EXPIRY_MS = 30_000;

/**
 * A service's (or the operator's) own ES256 key: it mints short-lived service tokens to call other
 * services, and attests ledger commands for a user.
 */
export class ServiceCredential {
  readonly name: PrincipalName;
  private readonly privateKey: KeyObject;
  private readonly now: () => number;
  private readonly tokens = new Map<ServiceName, { token: Promise<string>; expiresAt: number }>();

  constructor(name: PrincipalName, privateKey: KeyObject, now: () => number = Date.now) {
    this.name = name;
    this.privateKey = privateKey;
    this.now = now;
  }

  /** From a PEM private key, when it is already in memory (tests); throws unless it is an EC P-256 key. */
  static fromPem(name: PrincipalName, privateKeyPem: string, now?: () => number): ServiceCredential {
    const key = parseP256PrivateKey(privateKeyPem);
    if (!key) throw new Error(`The private key given for ${name} is not an EC P-256 key in PEM.`);
    return new ServiceCredential(name, key, now);
  }

  /** The public half, to compare with what the registry holds for this name. */
  publicKey(): KeyObject {
    return createPublicKey(this.privateKey);
  }

  /**
   * A service token for calling `audience`: ES256, `iss` = `sub` = this name, valid 120 s. The
   * same token is handed out until 30 s before it expires, so a busy caller signs rarely.
   */
  token(audience: ServiceName): Promise<string> {
    const now = this.now();
    const cached = this.tokens.get(audience);
    if (cached && now < cached.expiresAt - REFRESH_BEFORE_EXPIRY_MS) return cached.token;
    const issuedAt = Math.floor(now / 1000);
    const expiresAt = issuedAt + SERVICE_TOKEN_LIFETIME_SECONDS;
    const token = new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', typ: SERVICE_TOKEN_TYPE })
      .setIssuer(this.name)
      .setSubject(this.name)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.privateKey);
    const entry = { token, expiresAt: expiresAt * 1000 };
    // a failed signing is not cached: the next call tries again
    token.catch(() => {
      if (this.tokens.get(audience) === entry) this.tokens.delete(audience);
    });
    this.tokens.set(audience, entry);
    return token;
  }

  /**
   * Attests a ledger command for its signer: a compact JWS the identity service checks before it
   * signs. Whether the attestation counts is the table's business (the operator's counts for Ping only).
   */
  async attest(call: AttestedCall, validitySeconds = DEFAULT_ATTESTATION_SECONDS): Promise<string> {
    const claims = attestationClaims(this.name, call, Math.floor(this.now() / 1000), validitySeconds);
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: ATTESTATION_TYPE }).sign(this.privateKey);
  }
}

/** Reads a service's private key file (PKCS#8 PEM); a missing, unreadable or wrong key is an Error with one sentence naming the file. */
export function loadServiceCredential(name: PrincipalName, privateKeyFile: string, read: ReadTextFile = readTextFile): ServiceCredential {
  let pem: string;
  try {
    pem = read(privateKeyFile);
  } catch (error) {
    throw new Error(`The private key file ${privateKeyFile} of ${name} cannot be read (${readFailure(error)}).`);
  }
  const key = parseP256PrivateKey(pem);
  if (!key) throw new Error(`The private key file ${privateKeyFile} of ${name} does not hold an EC P-256 private key in PEM.`);
  return new ServiceCredential(name, key);
}
