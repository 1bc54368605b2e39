import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt, stubApi } from '../../test-support.tsx';
import { AuditSearch } from './audit-search.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const TOKEN = 'Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x';

describe('AuditSearch exports', () => {
  it('asks for a single-use link with the filters and follows it as a download, not through a Blob', async () => {
    const calls = stubApi({ 'POST /api/audit/audit/exports/links': () => [201, { token: TOKEN, path: `/audit/exports/links/${TOKEN}`, expiresAt: '2026-12-04T22:01:00.000Z' }] });
    const followed: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      followed.push(this);
    });
    const blob = vi.spyOn(URL, 'createObjectURL');
    renderAt(<AuditSearch title="Audit log" />, '/regulator');
    await userEvent.type(screen.getByLabelText('Asset id'), 'asset-9');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01T00:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Export JSON Lines' }));
    expect(calls.at(-1)).toEqual({ method: 'POST', path: '/api/audit/audit/exports/links', body: { assetId: 'asset-9', from: new Date('2026-12-01T00:00').toISOString(), format: 'jsonl' } });
    expect(followed).toHaveLength(1);
    expect(followed[0]?.getAttribute('href')).toBe(`/api/audit/audit/exports/links/${TOKEN}`);
    expect(followed[0]?.hasAttribute('download')).toBe(true);
    expect(blob).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Export report (CSV)' }));
    expect(calls.at(-1)?.body).toMatchObject({ format: 'csv' });
    expect(followed).toHaveLength(2);
    expect(screen.getByText(/every event that matches/)).toBeInTheDocument();
  });

  it("shows the service's refusal and follows nothing", async () => {
    stubApi({ 'POST /api/audit/audit/exports/links': () => [400, { statusCode: 400, code: 'INVALID_ARGUMENT', message: 'from: from must not be after to' }] });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderAt(<AuditSearch title="Audit log" />, '/regulator');
    await userEvent.click(screen.getByRole('button', { name: 'Export report (CSV)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('From: from must not be after to.');
    expect(click).not.toHaveBeenCalled();
  });
});
