import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fabricLayout, type PeerOrganization } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { StackError } from '../terminal/stack-error.ts';

const onlyFile = (dir: string): string => {
  const name = readdirSync(dir)[0];
  if (!name) throw new StackError(`${dir} is empty; run npm run stack -- reset.`);
  return join(dir, name);
};

/** Where cryptogen put an organisation admin's certificate and private key. */
export function orgAdminIdentity(config: StackConfig, org: PeerOrganization): { certPath: string; keyPath: string } {
  const msp = fabricLayout(config).peer(org).adminMsp;
  return { certPath: onlyFile(join(msp, 'signcerts')), keyPath: onlyFile(join(msp, 'keystore')) };
}
