import { describe, expect, it } from 'vitest';
import { FabricCaError } from './fabric-ca-error.ts';
import { toTransportError } from './https-transport.ts';

const options = { caUrl: 'https://ca.grid.gridledger.local:7054', timeoutMs: 15_000 };
const nodeError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('toTransportError', () => {
  it('names the URL when the connection is refused', () => {
    const error = toTransportError(nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:7054'), options);
    expect(error.code).toBe('CA_UNREACHABLE');
    expect(error.message).toBe('The Fabric CA at https://ca.grid.gridledger.local:7054 could not be reached: connection refused.');
  });

  it('treats unknown network failures as unreachable too, with the reason', () => {
    const error = toTransportError(nodeError('ESOMETHING', 'socket went away'), options);
    expect(error.code).toBe('CA_UNREACHABLE');
    expect(error.message).toContain('socket went away');
  });

  it('tells an untrusted certificate apart from an unreachable CA', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED']) {
      const error = toTransportError(nodeError(code, 'unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca'), options);
      expect(error.code).toBe('CA_TLS_FAILED');
      expect(error.message).toContain('tls.trustedRootsPem');
      expect(error.message).not.toContain('--use-system-ca');
    }
  });

  it('says so when the server does not speak TLS at all', () => {
    const error = toTransportError(nodeError('EPROTO', 'write EPROTO 40BD:error:0A00010B:SSL routines::wrong version number:\n'), options);
    expect(error.code).toBe('CA_TLS_FAILED');
    expect(error.message).toContain('did not answer with TLS');
  });

  it('passes a FabricCaError through unchanged', () => {
    const original = new FabricCaError('CA_BAD_RESPONSE', 'too big');
    expect(toTransportError(original, options)).toBe(original);
  });
});
