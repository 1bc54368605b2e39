import { describe, expect, it } from 'vitest';
import { resolveRoute } from './routes.ts';

describe('resolveRoute', () => {
  it('routes sign-in without a token and the rest of identity behind one', () => {
    expect(resolveRoute('POST', 'identity/auth/login')).toMatchObject({ upstream: 'identity', path: '/auth/login', auth: 'public' });
    expect(resolveRoute('GET', 'identity/.well-known/jwks.json')).toMatchObject({ path: '/.well-known/jwks.json', auth: 'public' });
    expect(resolveRoute('POST', 'identity/organizations/GridMSP/users')).toMatchObject({ path: '/organizations/GridMSP/users', auth: 'user' });
  });

  it('routes accounts: a reset token is redeemed without a session, everything else behind one', () => {
    expect(resolveRoute('POST', 'identity/auth/password-reset')).toMatchObject({ path: '/auth/password-reset', auth: 'public' });
    expect(resolveRoute('GET', 'identity/users?search=ana&limit=20&offset=0')).toMatchObject({ path: '/users?search=ana&limit=20&offset=0', auth: 'user' });
    expect(resolveRoute('PUT', 'identity/users/me/password')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('PUT', 'identity/users/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/display-name')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('POST', 'identity/users/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/password-reset')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('GET', 'identity/users/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/password-reset')).toBeNull();
  });

  it('routes download links: asked for with a session, followed without one, metered as a download', () => {
    expect(resolveRoute('POST', 'storage/files/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/download-link')).toMatchObject({ upstream: 'storage', path: '/files/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/download-link', auth: 'user' });
    expect(resolveRoute('GET', 'storage/downloads/links/Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x')).toMatchObject({ path: '/downloads/links/Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x', auth: 'public', meter: 'download' });
    expect(resolveRoute('POST', 'storage/downloads/links/Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x')).toBeNull();
  });

  it('routes audit exports: the link is followed without a session, asking for one and the regulator\'s violation changes behind one', () => {
    expect(resolveRoute('GET', 'audit/audit/exports?from=2026-12-01T00:00:00Z&format=jsonl')).toMatchObject({ upstream: 'audit', path: '/audit/exports?from=2026-12-01T00:00:00Z&format=jsonl', auth: 'user' });
    expect(resolveRoute('POST', 'audit/audit/exports/links')).toMatchObject({ path: '/audit/exports/links', auth: 'user' });
    expect(resolveRoute('GET', 'audit/audit/exports/links/Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x')).toMatchObject({ path: '/audit/exports/links/Zm9vYmFyX2Jhel9xdXV4LWZvb2Jhcl9iYXpfcXV1eC0x', auth: 'public' });
    expect(resolveRoute('GET', 'audit/audit/exports/links/a/b')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('POST', 'audit/audit/violations/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/acknowledge')).toMatchObject({ path: '/audit/violations/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/acknowledge', auth: 'user' });
    expect(resolveRoute('POST', 'audit/audit/violations/v1/resolve')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('POST', 'audit/audit/violations/v1/delete')).toBeNull();
  });

  it('routes notifications and their stream, and webhooks, behind a session', () => {
    expect(resolveRoute('GET', 'access/notifications/stream')).toMatchObject({ upstream: 'accessPolicy', path: '/notifications/stream', auth: 'user' });
    expect(resolveRoute('GET', 'access/notifications?limit=20')).toMatchObject({ path: '/notifications?limit=20', auth: 'user' });
    expect(resolveRoute('POST', 'access/notifications/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/read')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('POST', 'access/notifications/read-all')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('DELETE', 'access/notifications/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11')).toBeNull();
    expect(resolveRoute('POST', 'access/webhooks')).toMatchObject({ path: '/webhooks', auth: 'user' });
    expect(resolveRoute('DELETE', 'access/webhooks/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('GET', 'access/webhooks/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11/deliveries')).toMatchObject({ auth: 'user' });
    expect(resolveRoute('PUT', 'access/webhooks/0b7e0c3e-2d5c-4a43-9f3e-8d1f7b0b3a11')).toBeNull();
  });

  it('never exposes internal routes, health, docs or the operator API', () => {
    expect(resolveRoute('POST', 'identity/internal/signatures')).toBeNull();
    expect(resolveRoute('GET', 'identity/health')).toBeNull();
    expect(resolveRoute('POST', 'ledger/operator/replays')).toBeNull();
    expect(resolveRoute('GET', 'ledger/metrics')).toBeNull();
    expect(resolveRoute('GET', 'storage/docs')).toBeNull();
    expect(resolveRoute('GET', 'nowhere/assets')).toBeNull();
  });

  it('lets the ledger be read only, as the verified user, with the query kept', () => {
    expect(resolveRoute('GET', 'ledger/assets?sensitivity=public&pageSize=20')).toEqual({ upstream: 'ledger', path: '/assets?sensitivity=public&pageSize=20', auth: 'user', meter: null });
    expect(resolveRoute('POST', 'ledger/assets')).toBeNull();
    expect(resolveRoute('GET', 'ledger/assets/a1/access/u1')).toMatchObject({ path: '/assets/a1/access/u1' });
  });

  it('refuses dot segments and encoded slashes', () => {
    expect(resolveRoute('GET', 'ledger/assets/..')).toBeNull();
    expect(resolveRoute('GET', 'audit/audit/..%2Fhealth')).toBeNull();
    expect(resolveRoute('GET', 'storage/files/a%2F..')).toBeNull();
  });

  it('meters uploads and downloads, and passes any access-policy request route', () => {
    expect(resolveRoute('POST', 'storage/files')?.meter).toBe('upload');
    expect(resolveRoute('GET', 'storage/files/f1/content')?.meter).toBe('download');
    expect(resolveRoute('POST', 'access/requests/r1/approve')).toMatchObject({ upstream: 'accessPolicy', path: '/requests/r1/approve' });
    expect(resolveRoute('GET', 'access/requests?view=owner')).toMatchObject({ path: '/requests?view=owner' });
    expect(resolveRoute('POST', 'access/supervision/assets/a1/freeze')).toMatchObject({ path: '/supervision/assets/a1/freeze' });
  });

  it("forwards an owner's edits of an asset to access-policy, and no other method on those paths", () => {
    expect(resolveRoute('PATCH', 'access/assets/a1/details')).toMatchObject({ upstream: 'accessPolicy', path: '/assets/a1/details', auth: 'user' });
    expect(resolveRoute('POST', 'access/assets/a1/retire')).toMatchObject({ upstream: 'accessPolicy', path: '/assets/a1/retire' });
    expect(resolveRoute('PUT', 'access/assets/a1/details')).toBeNull();
    expect(resolveRoute('PATCH', 'access/assets/a1/retire')).toBeNull();
  });
});
