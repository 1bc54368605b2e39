import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../audit-log/audit-entry.ts';
import { auditCsv, csvCell, EXPORT_ENCODINGS, jsonLine } from './export-encoding.ts';

const entry: AuditEntry = {
  eventId: 'e-1', topic: 't', action: 'chain.asset-registered', service: 'ledger', subject: 's', occurredAt: '2026-11-24T10:00:00.000Z',
  actorUid: 'u,1', actorMsp: 'GridMSP', actorRole: '=cmd()', assetId: 'a "1"', requestId: null, txId: 'tx', blockNumber: '3', data: { note: 'two\nlines' },
};

describe('CSV encoding', () => {
  it('writes a header and one escaped row per entry', () => {
    const [header, row, end] = auditCsv([entry]).split('\r\n');
    expect(header).toBe('occurredAt,action,service,actorUid,actorMsp,actorRole,assetId,requestId,txId,blockNumber,eventId');
    expect(row).toBe(`2026-11-24T10:00:00.000Z,chain.asset-registered,ledger,"u,1",GridMSP,'=cmd(),"a ""1""",,tx,3,e-1`);
    expect(end).toBe('');
  });

  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
    expect(csvCell('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('defuses the formula %j with a leading quote', (value) => {
    const cell = csvCell(value);
    expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('defuses a formula that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a=1')).toBe('a=1');
  });
});

describe('JSON Lines encoding', () => {
  it('writes the whole entry on one line, line breaks in values escaped', () => {
    const line = jsonLine(entry);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(entry);
  });

  it('names a media type per format', () => {
    expect(EXPORT_ENCODINGS.csv.contentType).toMatch(/^text\/csv; charset=utf-8/);
    expect(EXPORT_ENCODINGS.jsonl.contentType).toMatch(/^application\/jsonl; charset=utf-8/);
    expect(EXPORT_ENCODINGS.jsonl.header()).toBe('');
  });
});
