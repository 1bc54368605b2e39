import { ROLES, type Role } from '@gridledger/domain';

/**
 * Every screen and the roles that may use it: the navigation shows only these, and the routes
 * refuse the rest, so nothing is offered to a role that may not do it. The services decide again.
 */
export const SCREENS = [
  { path: '/catalog', label: 'nav.catalog', roles: ROLES },
  { path: '/upload', label: 'nav.upload', roles: ['owner'] },
  { path: '/my-assets', label: 'nav.myAssets', roles: ['owner'] },
  { path: '/my-requests', label: 'nav.myRequests', roles: ['consumer'] },
  { path: '/regulator', label: 'nav.regulator', roles: ['regulator'] },
  { path: '/ops', label: 'nav.ops', roles: ['admin', 'regulator'] },
  { path: '/admin', label: 'nav.admin', roles: ['admin'] },
  { path: '/account', label: 'nav.account', roles: ROLES },
] as const satisfies readonly { path: string; label: string; roles: readonly Role[] }[];

export type ScreenPath = (typeof SCREENS)[number]['path'];

export const screensFor = (role: Role) => SCREENS.filter((s) => (s.roles as readonly Role[]).includes(role));

export const mayOpen = (role: Role, path: ScreenPath): boolean => screensFor(role).some((s) => s.path === path);

/** Where a role lands after signing in: its own work first. */
export function homeFor(role: Role): ScreenPath {
  return ({ owner: '/my-assets', consumer: '/catalog', regulator: '/regulator', admin: '/admin' } as const)[role];
}
