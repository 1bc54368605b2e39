import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DRAFT } from '../owner/policy-form.ts';
import { parseUpload, type UploadDraft } from './upload-form.ts';

const file = new File(['a,b\n1,2\n'], 'load.csv', { type: 'text/csv' });
const draft: UploadDraft = { title: ' Feeder 12 ', description: '', category: 'load-curve', sensitivity: 'internal', price: '10', file, policy: DEFAULT_POLICY_DRAFT };

describe('parseUpload', () => {
  it('gives the storage service its metadata, trimmed, the policy in seconds', () => {
    const parsed = parseUpload(draft);
    expect(parsed).toEqual({
      file,
      metadata: { title: 'Feeder 12', category: 'load-curve', sensitivity: 'internal', priceCredits: 10, policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 30 * 86_400, maxDownloads: 5 } },
    });
  });

  it('carries versionOf when the file is the next version of a data product, and leaves it out otherwise', () => {
    expect(parseUpload({ ...draft, versionOf: 'curve-10' })).toMatchObject({ metadata: { versionOf: 'curve-10' } });
    expect(parseUpload(draft)).not.toHaveProperty('metadata.versionOf');
  });

  it('names every field at fault at once', () => {
    const parsed = parseUpload({ ...draft, title: '  ', price: '-1', file: null, policy: { ...DEFAULT_POLICY_DRAFT, allowedOrgs: [], purposes: 'x'.repeat(65), maxDurationDays: '0', maxDownloads: '1.5' } });
    expect(parsed).toEqual({ problems: ['title', 'price', 'file', 'purposes', 'duration', 'downloads'] });
  });
});

describe('parseUpload policy lists', () => {
  it('lets the owner leave organisations, roles and purposes empty: the chaincode reads that as any', () => {
    const parsed = parseUpload({ ...draft, policy: { ...DEFAULT_POLICY_DRAFT, allowedOrgs: [], allowedRoles: [], purposes: ' ' } });
    expect(parsed).toMatchObject({ metadata: { policy: { allowedOrgs: [], allowedRoles: [], allowedPurposes: [] } } });
  });
});
