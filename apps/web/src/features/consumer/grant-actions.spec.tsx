import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestView } from '../../api/types.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { GrantActions } from './grant-actions.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const ASSET = '0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11';
const TOKEN = 'Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x';
const granted = { id: 'r1', assetId: ASSET } as RequestView;

describe('GrantActions download', () => {
  it("asks storage for a single-use link and hands it to the browser's download manager: the file never sits in the page as a Blob", async () => {
    const calls = stubApi({ [`POST /api/storage/files/${ASSET}/download-link`]: () => [201, { token: TOKEN, path: `/downloads/links/${TOKEN}`, expiresAt: '2026-12-05T09:01:00.000Z' }] });
    const followed: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      followed.push(this);
    });
    const blob = vi.spyOn(URL, 'createObjectURL');
    renderAt(<GrantActions request={granted} />, '/consumer');
    await userEvent.click(screen.getByRole('button', { name: 'Download file' }));

    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST /api/storage/files/${ASSET}/download-link`]);
    expect(followed).toHaveLength(1);
    expect(followed[0]?.getAttribute('href')).toBe(`/api/storage/downloads/links/${TOKEN}`);
    expect(followed[0]?.hasAttribute('download')).toBe(true);
    expect(blob).not.toHaveBeenCalled();
  });

  it("shows storage's refusal of the link and follows nothing", async () => {
    stubApi({ [`POST /api/storage/files/${ASSET}/download-link`]: () => [403, { statusCode: 403, code: 'ACCESS_DENIED', message: 'BUDGET_EXHAUSTED: no downloads left on this grant' }] });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderAt(<GrantActions request={granted} />, '/consumer');
    await userEvent.click(screen.getByRole('button', { name: 'Download file' }));

    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(click).not.toHaveBeenCalled();
  });
});
