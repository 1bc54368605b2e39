/** A status word in a coloured pill; the colour is never the only signal, the word is always there. */
export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'info' | 'muted'; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export const sensitivityTone = (s: string) => (({ public: 'ok', internal: 'info', sensitive: 'warn', critical: 'bad' }) as const)[s as 'public'] ?? 'muted';
export const statusTone = (s: string) =>
  (({ active: 'ok', anchored: 'ok', granted: 'ok', up: 'ok', frozen: 'bad', rejected: 'bad', revoked: 'bad', down: 'bad', failed: 'bad', retired: 'muted', expired: 'muted', pending: 'warn', 'pending-owner': 'warn', 'pending-regulator': 'warn', suspended: 'bad' }) as const)[s as 'active'] ?? 'info';
