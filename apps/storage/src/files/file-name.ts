const MAX_LENGTH = 200;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment only
 * (no directories, in either slash style), no control characters (CR/LF would split headers), no
 * leading dots (no hidden or "..") and bounded. What is left empty becomes "file".
 */
export function sanitizeFileName(raw: string | undefined): string {
  const lastSegment = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/["<>|:*?]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const bounded = cleaned.length > MAX_LENGTH ? cleaned.slice(cleaned.length - MAX_LENGTH) : cleaned;
  return bounded.length > 0 ? bounded : 'file';
}
