import { X509Certificate as NodeX509Certificate, createPrivateKey } from 'node:crypto';
import { createAuthToken } from './auth-token.ts';
import { unwrapCaResponse } from './ca-response.ts';
import { createKeyAndCsr } from './csr.ts';
import { FabricCaError } from './fabric-ca-error.ts';
import { sendCaRequest } from './https-transport.ts';
import type { CaHttpRequest } from './https-transport.ts';
import { enrollBody, registerBody, requireEnrollmentId, revokeBody } from './request-bodies.ts';
import type { CaInfo, EnrollOptions, Enrollment, FabricCaClientOptions, Registration, RevocationRequest } from './types.ts';

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Client for the Fabric CA 1.5 REST API (`/api/v1/...`) over verified TLS.
 * Holds no state beyond its options, so one instance may serve any number of identities.
 */
export class FabricCaClient {
  readonly #baseUrl: URL;
  readonly #displayUrl: string;
  readonly #caName: string | undefined;
  readonly #trustedRootsPem: string;
  readonly #timeoutMs: number;

  constructor(options: FabricCaClientOptions) {
    this.#baseUrl = parseBaseUrl(options.url);
    this.#displayUrl = this.#baseUrl.href.replace(/\/$/, '');
    this.#caName = options.caName === '' ? undefined : options.caName;
    this.#trustedRootsPem = requireTrustedRoots(options.tls?.trustedRootsPem);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(Number.isFinite(this.#timeoutMs) && this.#timeoutMs > 0)) {
      throw new FabricCaError('CA_INVALID_ARGUMENT', 'timeoutMs must be a positive number of milliseconds.');
    }
  }

  async getCaInfo(): Promise<CaInfo> {
    const url = this.#endpoint('cainfo');
    // A GET has no body to carry the CA name, so it goes where the server looks first: ?ca=.
    if (this.#caName !== undefined) url.searchParams.set('ca', this.#caName);
    const what = 'the CA information request';
    const result = await this.#send({ method: 'GET', url }, what);
    return {
      caName: stringField(result, 'CAName', what),
      caChainPem: base64PemField(result, 'CAChain', what),
      version: stringField(result, 'Version', what),
    };
  }

  async enroll(enrollmentId: string, secret: string, options: EnrollOptions = {}): Promise<Enrollment> {
    requireEnrollmentId(enrollmentId);
    if (enrollmentId.includes(':')) {
      // HTTP Basic auth splits "id:secret" at the first colon, so the CA would see another ID.
      throw new FabricCaError('CA_INVALID_ARGUMENT', `Enrollment ID '${enrollmentId}' contains ':', which HTTP Basic authentication cannot carry.`);
    }
    const { csrPem, privateKeyPem } = await createKeyAndCsr(enrollmentId);
    const body = jsonBody(enrollBody(csrPem, this.#caName, options.attributeRequests));
    const what = `the enrollment of '${enrollmentId}'`;
    const result = await this.#send(
      {
        method: 'POST',
        url: this.#endpoint('enroll'),
        headers: { authorization: `Basic ${Buffer.from(`${enrollmentId}:${secret}`).toString('base64')}` },
        body,
      },
      what,
      [secret],
    );
    const certificatePem = base64PemField(result, 'Cert', what);
    const caChainPem = base64PemField(objectField(result, 'ServerInfo', what), 'CAChain', what);
    requireCertificateForKey(certificatePem, privateKeyPem, what);
    return { certificatePem, privateKeyPem, caChainPem };
  }

  async register(registrar: Enrollment, registration: Registration): Promise<{ secret: string }> {
    const body = jsonBody(registerBody(registration, this.#caName));
    const what = `the registration of '${registration.enrollmentId}'`;
    const secrets = registration.secret === undefined ? [] : [registration.secret];
    const result = await this.#sendWithToken(registrar, 'register', body, what, secrets);
    return { secret: stringField(result, 'secret', what) };
  }

  /** Registers an identity and enrols it at once with the one-time secret: what onboarding a user is. */
  async registerAndEnroll(registrar: Enrollment, registration: Registration): Promise<Enrollment> {
    const { secret } = await this.register(registrar, registration);
    return this.enroll(registration.enrollmentId, secret);
  }

  async revoke(registrar: Enrollment, request: RevocationRequest): Promise<void> {
    const body = jsonBody(revokeBody(request, this.#caName));
    await this.#sendWithToken(registrar, 'revoke', body, `the revocation of '${request.enrollmentId}'`, []);
  }

  #endpoint(name: string): URL {
    const url = new URL(this.#baseUrl.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/${name}`;
    return url;
  }

  async #sendWithToken(registrar: Enrollment, endpoint: string, body: Buffer, what: string, secrets: string[]): Promise<unknown> {
    const url = this.#endpoint(endpoint);
    // The server checks the signature against its own view of the request URI (path and query).
    const token = createAuthToken(registrar, 'POST', `${url.pathname}${url.search}`, body);
    return this.#send({ method: 'POST', url, headers: { authorization: token }, body }, what, secrets);
  }

  async #send(request: CaHttpRequest, what: string, secrets: readonly string[] = []): Promise<unknown> {
    const response = await sendCaRequest(request, {
      caUrl: this.#displayUrl,
      trustedRootsPem: this.#trustedRootsPem,
      timeoutMs: this.#timeoutMs,
    });
    return unwrapCaResponse(response, what, secrets);
  }
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'The Fabric CA url is not a valid URL.');
  }
  if (url.username !== '' || url.password !== '') {
    // Not echoed: the fabric-ca-client CLI habit of https://id:secret@host puts a secret in it.
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'The Fabric CA url must not contain credentials; pass them to enroll() instead.');
  }
  if (url.protocol !== 'https:') {
    throw new FabricCaError('CA_INVALID_ARGUMENT', `The Fabric CA url must use https, got ${url.protocol}//${url.host}.`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'The Fabric CA url must not have a query or fragment.');
  }
  return url;
}

function requireTrustedRoots(pem: string | undefined): string {
  if (typeof pem !== 'string' || !pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'tls.trustedRootsPem must hold at least one PEM certificate.');
  }
  return pem;
}

function jsonBody(value: object): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function badResponse(what: string, detail: string): FabricCaError {
  return new FabricCaError('CA_BAD_RESPONSE', `The Fabric CA's answer to ${what} ${detail}.`);
}

function objectField(result: unknown, name: string, what: string): Record<string, unknown> {
  const value = typeof result === 'object' && result !== null ? (result as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'object' || value === null) throw badResponse(what, `has no ${name} object`);
  return value as Record<string, unknown>;
}

function stringField(result: unknown, name: string, what: string): string {
  const value = typeof result === 'object' && result !== null ? (result as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string') throw badResponse(what, `has no ${name} string`);
  return value;
}

/** Fabric CA sends certificates as base64 of their PEM text. */
function base64PemField(result: unknown, name: string, what: string): string {
  const pem = Buffer.from(stringField(result, name, what), 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw badResponse(what, `has a ${name} that is not a base64-encoded PEM certificate`);
  return pem;
}

function requireCertificateForKey(certificatePem: string, privateKeyPem: string, what: string): void {
  let matches: boolean;
  try {
    matches = new NodeX509Certificate(certificatePem).checkPrivateKey(createPrivateKey(privateKeyPem));
  } catch {
    throw badResponse(what, 'has a certificate that cannot be parsed');
  }
  if (!matches) throw badResponse(what, 'has a certificate for a different key than the one in the request');
}
