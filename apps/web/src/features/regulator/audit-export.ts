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
  const link = document.createElement('a');
  link.href = `/api/audit${path}`;
  // empty: the file takes the name the service gives it (range and format)
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
