import { useEffect } from 'react';
import { api } from '../../api/http.ts';
import type { Asset } from '../../api/types.ts';
import { useAsync } from '../../components/use-async.ts';

/**
 * The asset a new version follows (`/upload?versionOf=<id>`), loaded from the chain; `prefill`
 * runs once it arrives, so the owner starts from last month's title, class, price and policy.
 */
export function usePreviousVersion(versionOf: string | null, prefill: (previous: Asset) => void) {
  const previous = useAsync((signal) => (versionOf ? api<Asset>(`/api/ledger/assets/${encodeURIComponent(versionOf)}`, { signal }) : Promise.resolve(null)), [versionOf]);
  useEffect(() => {
    if (previous.data) prefill(previous.data);
    // prefill once per loaded asset, not on every render of the form
  }, [previous.data]);
  return previous;
}
