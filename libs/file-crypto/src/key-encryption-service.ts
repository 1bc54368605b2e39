/**
 * Associated data for wrapping a data key, e.g. `{ assetId }`. It is not stored in the wrapped
 * blob: the caller must present the same context to unwrap, so a blob copied onto another asset
 * does not open. Order of keys does not matter.
 */
export type EncryptionContext = Readonly<Record<string, string>>;

/**
 * Wraps and unwraps per-file data keys under a per-owner key-encryption key. Shaped after
 * Vault Transit and cloud KMSs (named key, opaque versioned ciphertext, associated data) so that
 * one can replace the local implementation without changing callers.
 */
export interface KeyEncryptionService {
  /**
   * Returns an opaque, printable blob that starts with `<provider>:<key version>:` (like Vault's
   * `vault:v3:…`), so a caller can tell which blobs still need re-wrapping after a rotation.
   */
  wrapDataKey(ownerKeyId: string, dataKey: Uint8Array, context: EncryptionContext): Promise<string>;
  /** Throws a `FileCryptoError` (`KEY_UNWRAP_FAILED`, `UNKNOWN_KEY_VERSION`, `UNSUPPORTED_FORMAT`) on any mismatch. */
  unwrapDataKey(ownerKeyId: string, wrapped: string, context: EncryptionContext): Promise<Uint8Array>;
  /**
   * After a master-key rotation (like Vault Transit's `rewrap`): the same data key wrapped under
   * the current master key, or `undefined` when the blob already is. The data key itself does not
   * change, so nothing encrypted with it has to be.
   */
  rewrapDataKey(ownerKeyId: string, wrapped: string, context: EncryptionContext): Promise<string | undefined>;
}
