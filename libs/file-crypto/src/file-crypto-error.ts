/**
 * Codes callers branch on. Kept apart from the message so that logs and API answers can carry
 * the code while the message stays generic: no message in this library includes key material,
 * plaintext or the bytes that failed to verify.
 */
export const FileCryptoErrorCode = {
  /** an authentication tag did not verify: flipped bits, reordered/dropped/duplicated chunks, wrong key */
  INTEGRITY_FAILURE: 'INTEGRITY_FAILURE',
  /** the ciphertext ended before its final chunk (or inside the header) */
  TRUNCATED: 'TRUNCATED',
  /** not something this library wrote: bad magic, unknown version, malformed blob or envelope */
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  /** a wrapped data key or a key envelope did not open (wrong owner, context, recipient or tampering) */
  KEY_UNWRAP_FAILED: 'KEY_UNWRAP_FAILED',
  /** a wrapped data key names a master key version this service does not hold */
  UNKNOWN_KEY_VERSION: 'UNKNOWN_KEY_VERSION',
  /** a key has the wrong length or type, or cannot be parsed */
  INVALID_KEY: 'INVALID_KEY',
  /** the master key configuration is malformed */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** an argument other than a key is out of range or malformed */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;

export type FileCryptoErrorCode = (typeof FileCryptoErrorCode)[keyof typeof FileCryptoErrorCode];

export class FileCryptoError extends Error {
  override readonly name = 'FileCryptoError';
  readonly code: FileCryptoErrorCode;

  constructor(code: FileCryptoErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export function isFileCryptoError(error: unknown, code?: FileCryptoErrorCode): error is FileCryptoError {
  return error instanceof FileCryptoError && (code === undefined || error.code === code);
}
