/** 1536 → "1.5 KiB": binary units, as the storage service counts. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The start of a long id, enough to tell ids apart on screen; the full id is in the title attribute. */
export const shortId = (id: string | null | undefined, length = 8): string => (id ? (id.length > length + 1 ? `${id.slice(0, length)}…` : id) : '—');

export function formatDuration(seconds: number, t: (key: 'common.day' | 'common.days' | 'common.seconds') => string): string {
  if (seconds % 86_400 !== 0) return `${seconds} ${t('common.seconds')}`;
  const days = seconds / 86_400;
  return `${days} ${t(days === 1 ? 'common.day' : 'common.days')}`;
}

export function formatRate(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}
