import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './file-name.ts';

describe('sanitizeFileName', () => {
  it('keeps an ordinary name', () => {
    expect(sanitizeFileName('load-curve 2026-11.csv')).toBe('load-curve 2026-11.csv');
    expect(sanitizeFileName('负荷曲线.csv')).toBe('负荷曲线.csv');
  });

  it('drops every directory, in both slash styles, and path traversal', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Windows\\system32\\evil.dll')).toBe('evil.dll');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('/')).toBe('file');
  });

  it('removes control characters, so CR/LF cannot split a header, and hidden-file dots', () => {
    expect(sanitizeFileName('report.csv\r\nSet-Cookie: x=1')).toBe('report.csvSet-Cookie_ x=1');
    expect(sanitizeFileName('\u0000.bashrc')).toBe('bashrc');
    expect(sanitizeFileName('a"b<c>.csv')).toBe('a_b_c_.csv');
  });

  it('bounds the length and never returns empty', () => {
    expect(sanitizeFileName(`${'x'.repeat(500)}.csv`)).toHaveLength(200);
    expect(sanitizeFileName(`${'x'.repeat(500)}.csv`).endsWith('.csv')).toBe(true);
    expect(sanitizeFileName(undefined)).toBe('file');
  });
});
