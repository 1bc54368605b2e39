import { describe, expect, it } from 'vitest';
import { FABRIC_ATTRIBUTES_OID, parseAttributesJson, readCertificateAttributes } from './certificate-attributes.ts';
import { FabricCaError } from './fabric-ca-error.ts';
import { selfSignedIdentity } from './test-support/self-signed-certificate.ts';

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

describe('readCertificateAttributes', () => {
  it('reads the bare JSON fabric-ca writes into extension 1.2.3.4.5.6.7.8.1', async () => {
    const { certificatePem } = await selfSignedIdentity('alice', [
      { oid: FABRIC_ATTRIBUTES_OID, value: json({ attrs: { 'gridledger.role': 'owner', 'gridledger.uid': 'u-42', 'hf.Type': 'client' } }) },
    ]);
    expect(readCertificateAttributes(certificatePem)).toEqual({ 'gridledger.role': 'owner', 'gridledger.uid': 'u-42', 'hf.Type': 'client' });
  });

  it('is empty for a certificate without the extension', async () => {
    const { certificatePem } = await selfSignedIdentity('bob', [{ oid: '1.2.3.4', value: json({ attrs: { x: 'y' } }) }]);
    expect(readCertificateAttributes(certificatePem)).toEqual({});
  });

  it('refuses text that is not a certificate', () => {
    expect(() => readCertificateAttributes('not a certificate')).toThrow(FabricCaError);
    expect(() => readCertificateAttributes('not a certificate')).toThrow(/not a readable PEM X.509 certificate/);
  });

  it('refuses an attribute extension that is not the expected JSON', async () => {
    const { certificatePem } = await selfSignedIdentity('eve', [{ oid: FABRIC_ATTRIBUTES_OID, value: Buffer.from('{not json') }]);
    expect(() => readCertificateAttributes(certificatePem)).toThrow(/is not \{"attrs":\{...\}\} JSON/);
  });
});

describe('parseAttributesJson', () => {
  it('treats a null or missing attrs map as empty', () => {
    expect(parseAttributesJson('{"attrs":null}')).toEqual({});
    expect(parseAttributesJson('{}')).toEqual({});
  });

  it('insists on string values and an object shape', () => {
    expect(() => parseAttributesJson('{"attrs":{"a":1}}')).toThrow(FabricCaError);
    expect(() => parseAttributesJson('{"attrs":["a"]}')).toThrow(FabricCaError);
    expect(() => parseAttributesJson('"attrs"')).toThrow(FabricCaError);
  });

  it('keeps a "__proto__" attribute as plain data', () => {
    const attributes = parseAttributesJson('{"attrs":{"__proto__":"x","a":"b"}}');
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.keys(attributes)).toEqual(['__proto__', 'a']);
  });
});
