/**
 * Reads Prometheus text exposition into `name{label="v"}` → value, enough for the ops
 * dashboard's handful of figures. NaN stays NaN: the ledger writes it for what it cannot read now.
 */
export function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    samples.set(match[1], match[2] === 'NaN' ? Number.NaN : Number(match[2]));
  }
  return samples;
}

/** A figure or null when absent or NaN, so JSON carries "unknown" honestly. */
export function figure(samples: Map<string, number>, key: string): number | null {
  const value = samples.get(key);
  return value === undefined || Number.isNaN(value) ? null : value;
}
