import { describe, expect, it } from 'vitest';
import { parseUploadMetadata, sanitizeContentType } from './upload-metadata.ts';

const valid = {
  title: 'Feeder 12 load curve, November',
  category: 'load-curve',
  sensitivity: 'sensitive',
  priceCredits: 25,
  policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 3 },
};

describe('parseUploadMetadata', () => {
  it('accepts complete metadata', () => {
    expect(parseUploadMetadata(JSON.stringify(valid))).toMatchObject({ title: valid.title, priceCredits: 25 });
  });

  it('names the field at fault', () => {
    expect(() => parseUploadMetadata(JSON.stringify({ ...valid, sensitivity: 'secret' }))).toThrow(/metadata\.sensitivity/);
    expect(() => parseUploadMetadata(JSON.stringify({ ...valid, priceCredits: -1 }))).toThrow(/metadata\.priceCredits/);
    expect(() => parseUploadMetadata(JSON.stringify({ ...valid, policy: { ...valid.policy, maxDownloads: 0 } }))).toThrow(/metadata\.policy\.maxDownloads/);
    expect(() => parseUploadMetadata(JSON.stringify({ ...valid, owner: 'someone-else' }))).toThrow(/metadata/);
  });

  it('says what is missing or malformed', () => {
    expect(() => parseUploadMetadata(undefined)).toThrow(/before the "file" part/);
    expect(() => parseUploadMetadata('{')).toThrow(/not JSON/);
  });
});

describe('sanitizeContentType', () => {
  it('keeps a well-formed type and replaces anything else', () => {
    expect(sanitizeContentType('text/csv')).toBe('text/csv');
    expect(sanitizeContentType('text/csv\r\nX-Evil: 1')).toBe('application/octet-stream');
    expect(sanitizeContentType(undefined)).toBe('application/octet-stream');
  });
});
