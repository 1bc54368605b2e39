import { readFileSync } from 'node:fs';
import { z } from 'zod';

const peerSchema = z.object({
  peerEndpoint: z.string().regex(/^[\w.-]+:\d+$/, 'peerEndpoint must be host:port'),
  /** the name in the peer's TLS certificate */
  peerHostAlias: z.string().min(1),
  peerTlsRootCert: z.string().min(1),
});

const organizationSchema = peerSchema.extend({
  mspId: z.string().min(1),
  /**
   * Gateways for this organisation's transactions when its own peer does not answer, in order:
   * its second peer, or another organisation's peer (the chaincode's endorsement policy still
   * decides who endorses).
   */
  fallbackPeers: z.array(peerSchema).default([]),
  /** the ledger service's own identity in this organisation (role admin), for system actions */
  serviceCert: z.string().min(1),
  serviceKey: z.string().min(1),
});

export type Organization = z.infer<typeof organizationSchema>;

const fileSchema = z.object({ organizations: z.array(organizationSchema).min(1) });

/** Reads LEDGER_ORGANIZATIONS_FILE; a wrong file stops the boot with the path and the field. */
export function loadOrganizations(path: string): Organization[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`LEDGER_ORGANIZATIONS_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`LEDGER_ORGANIZATIONS_FILE ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data.organizations;
}
