import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A secret sealed under a master key; `kid` says which, so the master key can rotate. */
export interface WrappedSecret {
  kid: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * AES-256-GCM under the configured master keys. The first key seals; every listed key can
 * open, so after a rotation old blobs stay readable until `rewrap` seals them anew.
 * `context` (e.g. "fabric-key:<userId>") is bound as associated data, so a sealed secret
 * cannot be moved to another user's row and still open.
 */
export class MasterKeyWrapper {
  private readonly keys: Map<string, Buffer>;
  private readonly current: { kid: string; key: Buffer };

  constructor(keys: { kid: string; key: Buffer }[]) {
    const first = keys[0];
    if (!first) throw new Error('at least one master key is required');
    this.current = first;
    this.keys = new Map(keys.map((k) => [k.kid, k.key]));
  }

  get currentKid(): string {
    return this.current.kid;
  }

  wrap(secret: Buffer, context: string): WrappedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return { kid: this.current.kid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  }

  unwrap(wrapped: WrappedSecret, context: string): Buffer {
    const key = this.keys.get(wrapped.kid);
    if (!key) throw new Error(`master key ${wrapped.kid} is not configured; it is needed to open a stored secret`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
  }

  /** Seals again under the current key; undefined when it already is. */
  rewrap(wrapped: WrappedSecret, context: string): WrappedSecret | undefined {
    if (wrapped.kid === this.current.kid) return undefined;
    return this.wrap(this.unwrap(wrapped, context), context);
  }
}
