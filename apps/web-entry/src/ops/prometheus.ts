/** One sample of Prometheus text exposition. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * Reads Prometheus text exposition (what the services' prom-client registries write), enough for
 * the ops dashboard's figures. NaN, in any case, stays NaN: a service writes it for what it cannot
 * read now.
 */
export function parsePrometheus(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = LINE.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) if (key) labels[key] = (value ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1], labels, value: match[3].toLowerCase() === 'nan' ? Number.NaN : Number(match[3]) });
  }
  return samples;
}

/** The samples named `name` whose labels include `labels`. */
export function samplesOf(samples: readonly PromSample[], name: string, labels: Record<string, string> = {}): PromSample[] {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** The first matching sample's value, or null when absent or NaN, so JSON carries "unknown" honestly. */
export function figure(samples: readonly PromSample[], name: string, labels: Record<string, string> = {}): number | null {
  const value = samplesOf(samples, name, labels)[0]?.value;
  return value === undefined || Number.isNaN(value) ? null : value;
}
