import type { KeyObject } from 'node:crypto';
import type { PrincipalName } from './service-names.ts';

/** far more than the services, audiences and live tokens there are; a full cache forgets its oldest */
const CAPACITY = 1_024;

interface Verified {
  issuer: PrincipalName;
  /** the registry's key the signature was checked with: a registry with another key verifies afresh */
  key: KeyObject;
  validUntilMs: number;
}

/**
 * Service tokens already verified, until they would be refused. A client reuses its token for
 * two minutes, so one server sees the same one thousands of times; checking its ES256 signature
 * and claims each time was a tenth of the ledger's CPU on a read. Only a token that passed every
 * check is kept, so a stranger cannot fill it.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  find(audience: string, token: string, key: (issuer: PrincipalName) => KeyObject | undefined, nowMs: number): PrincipalName | undefined {
    const id = `${audience} ${token}`;
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (nowMs < hit.validUntilMs && key(hit.issuer) === hit.key) return hit.issuer;
    this.entries.delete(id);
    return undefined;
  }

  remember(audience: string, token: string, verified: Verified): void {
    if (this.entries.size >= CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(`${audience} ${token}`, verified);
  }
}
