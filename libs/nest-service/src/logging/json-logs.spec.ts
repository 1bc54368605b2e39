import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggableUrl, REDACTED_PATHS, requestIdOf, requestLogLevel } from './json-logs.ts';

const request = (fields: Partial<IncomingMessage>) => ({ headers: {}, ...fields }) as IncomingMessage;
const response = (statusCode: number) => ({ statusCode }) as ServerResponse;

describe('JSON logs', () => {
  it('redacts the credentials a request or response carries', () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    logger.info({ req: { headers: { authorization: 'Bearer eyJsecret', 'x-gridledger-attestation': 'eyJattest', 'x-download-ticket': 't-1', cookie: 'a=b', accept: 'text/csv' } }, res: { headers: { 'set-cookie': 's=1' } } }, 'request completed');
    const text = lines.join('');
    for (const secret of ['eyJsecret', 'eyJattest', 't-1', 'a=b', 's=1']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ req: { headers: { authorization: '[redacted]', accept: 'text/csv' } } });
  });

  it('keeps link tokens and credential-like query values out of logged URLs', () => {
    expect(loggableUrl('/downloads/links/Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x')).toBe('/downloads/links/[redacted]');
    expect(loggableUrl('/audit/exports/links/abc?format=csv')).toBe('/audit/exports/links/[redacted]?format=csv');
    expect(loggableUrl('/assets?pageSize=20&token=abc&Password=x')).toBe('/assets?pageSize=20&token=%5Bredacted%5D&Password=%5Bredacted%5D');
    expect(loggableUrl('/files/1/content')).toBe('/files/1/content');
  });

  it("follows the caller's request id when it is sane, and makes one otherwise", () => {
    expect(requestIdOf(request({ headers: { 'x-request-id': 'upload-42.a' } }))).toBe('upload-42.a');
    expect(requestIdOf(request({ headers: { 'x-request-id': 'no spaces\nor newlines' } }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(request({}))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs failures always, changes at info, reads and internal calls at debug', () => {
    expect(requestLogLevel(request({ method: 'GET' }), response(500))).toBe('error');
    expect(requestLogLevel(request({ method: 'POST' }), response(200), new Error('x'))).toBe('error');
    expect(requestLogLevel(request({ method: 'GET' }), response(404))).toBe('warn');
    expect(requestLogLevel(request({ method: 'POST', url: '/files' }), response(201))).toBe('info');
    expect(requestLogLevel(request({ method: 'GET', url: '/assets' }), response(200))).toBe('debug');
    expect(requestLogLevel(request({ method: 'POST', url: '/internal/signatures/batch' }), response(200))).toBe('debug');
  });
});
