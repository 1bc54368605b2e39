import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../api/types.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { ProductVersions } from './product-versions.tsx';

afterEach(() => vi.unstubAllGlobals());

const version = (id: string, n: number, status = 'active'): Asset =>
  ({ id, title: `Feeder 12, month ${n}`, status, createdAt: '2026-12-01T00:00:00.000Z', product: { id: 'curve-1', version: n, previousAssetId: n > 1 ? `curve-${n - 1}` : null } }) as Asset;

describe('ProductVersions', () => {
  it("lists the product's versions, newest first, and asks the catalog for exactly that product", async () => {
    const calls = stubApi({ 'GET /api/access/catalog': { assets: [version('curve-2', 2), version('curve-1', 1, 'retired')], total: 2, page: 1, pageSize: 100 } });
    renderAt(<ProductVersions asset={version('curve-1', 1, 'retired')} mayPublish={false} />);
    expect(await screen.findByRole('link', { name: 'version 2' })).toHaveAttribute('href', '/catalog/curve-2');
    expect(screen.getByText('version 1').closest('li')).toHaveAttribute('aria-current', 'page');
    expect(calls[0]?.path).toBe('/api/access/catalog?productId=curve-1&sort=version&pageSize=100');
  });

  it('offers the owner the next version only from the latest one, and never on a frozen asset', async () => {
    stubApi({ 'GET /api/access/catalog': { assets: [version('curve-2', 2), version('curve-1', 1)], total: 2, page: 1, pageSize: 100 } });
    const { unmount } = renderAt(<ProductVersions asset={version('curve-2', 2)} mayPublish />);
    expect(await screen.findByRole('link', { name: 'Publish the next version' })).toHaveAttribute('href', '/upload?versionOf=curve-2');
    unmount();
    renderAt(<ProductVersions asset={version('curve-1', 1)} mayPublish />);
    await screen.findByRole('link', { name: 'version 2' });
    expect(screen.queryByRole('link', { name: 'Publish the next version' })).toBeNull();
  });

  it('counts an asset older than products as version 1 of its own product', async () => {
    const calls = stubApi({ 'GET /api/access/catalog': { assets: [], total: 0, page: 1, pageSize: 100 } });
    const legacy = { ...version('old-1', 1), product: undefined } as unknown as Asset;
    renderAt(<ProductVersions asset={legacy} mayPublish />);
    expect(await screen.findByRole('link', { name: 'Publish the next version' })).toBeInTheDocument();
    expect(calls[0]?.path).toContain('productId=old-1');
  });

  it('hides the publish link on a frozen asset', async () => {
    stubApi({ 'GET /api/access/catalog': { assets: [version('curve-1', 1, 'frozen')], total: 1, page: 1, pageSize: 100 } });
    renderAt(<ProductVersions asset={version('curve-1', 1, 'frozen')} mayPublish />);
    await screen.findByText('version 1');
    expect(screen.queryByRole('link', { name: 'Publish the next version' })).toBeNull();
  });
});
