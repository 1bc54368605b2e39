import { followAsDownload } from '../../api/follow-as-download.ts';
import { api } from '../../api/http.ts';

export type ExportFormat = 'csv' | 'jsonl';

/**
 * Saves an audit export straight to disk: the audit service gives a single-use link valid for a
 * minute (a link cannot carry the bearer header), and the browser follows it as a download, so
 * the rows stream to the file and never sit in this page's memory, however many there are.
 */
export async function downloadExport(params: Record<string, string | undefined>, format: ExportFormat): Promise<void> {
  const filters = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  const body = { ...filters, format };
  const { path } = await api<{ path: string; expiresAt: string }>('/api/audit/audit/exports/links', { method: 'POST', body });
  followAsDownload(`/api/audit${path}`);
}
