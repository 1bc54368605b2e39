/** The platform's services: each holds its own ES256 key and signs its own service tokens and attestations. */
export const SERVICE_NAMES = ['identity', 'ledger', 'storage', 'access-policy', 'audit', 'web-entry'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * The operator (the stack's commands and tests) holds a key too, so operator actions are
 * authenticated like a service's calls; it is never a service and attests nothing.
 */
export const OPERATOR = 'operator';

/** Everyone who may hold a key in the registry: the services and the operator. */
export const PRINCIPAL_NAMES = [...SERVICE_NAMES, OPERATOR] as const;
export type PrincipalName = (typeof PRINCIPAL_NAMES)[number];

export const isServiceName = (name: unknown): name is ServiceName => (SERVICE_NAMES as readonly unknown[]).includes(name);
export const isPrincipalName = (name: unknown): name is PrincipalName => (PRINCIPAL_NAMES as readonly unknown[]).includes(name);
