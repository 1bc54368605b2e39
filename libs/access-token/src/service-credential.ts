import { timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries the platform's service credential. Compared in constant
 * time, so a caller cannot learn the credential from how long a refusal takes.
 */
export function isServiceCredential(authorization: string | undefined, serviceToken: string): boolean {
  const presented = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${serviceToken}`);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
