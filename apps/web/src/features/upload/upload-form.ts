import type { AssetCategory, Sensitivity } from '@gridledger/domain';
import type { AssetPolicy } from '../../api/types.ts';
import { parsePolicy, type PolicyDraft, type PolicyProblem } from '../owner/policy-form.ts';

export interface UploadDraft {
  title: string;
  description: string;
  category: AssetCategory;
  sensitivity: Sensitivity;
  price: string;
  file: File | null;
  policy: PolicyDraft;
  /** publishes the file as the next version of this asset's data product */
  versionOf?: string | undefined;
}

export type UploadProblem = 'title' | 'price' | 'file' | PolicyProblem;

export interface UploadMetadata {
  title: string;
  description?: string;
  category: AssetCategory;
  sensitivity: Sensitivity;
  priceCredits: number;
  policy: AssetPolicy;
  versionOf?: string;
}

/** The metadata the storage service takes (its limits, checked here for a quick answer), or every field at fault. */
export function parseUpload(draft: UploadDraft): { metadata: UploadMetadata; file: File } | { problems: UploadProblem[] } {
  const problems: UploadProblem[] = [];
  const title = draft.title.trim();
  if (!title || title.length > 200) problems.push('title');
  const price = /^\d+$/.test(draft.price.trim()) ? Number(draft.price) : Number.NaN;
  if (!(price >= 0 && price <= 1_000_000_000)) problems.push('price');
  if (!draft.file) problems.push('file');
  const policy = parsePolicy(draft.policy);
  if ('problems' in policy) problems.push(...policy.problems);
  if (problems.length || !draft.file || 'problems' in policy) return { problems };
  const description = draft.description.trim();
  const metadata: UploadMetadata = { title, ...(description ? { description } : {}), category: draft.category, sensitivity: draft.sensitivity, priceCredits: price, policy: policy.policy };
  return { metadata: draft.versionOf ? { ...metadata, versionOf: draft.versionOf } : metadata, file: draft.file };
}
