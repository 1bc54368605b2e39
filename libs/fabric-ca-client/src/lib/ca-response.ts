import { FabricCaError } from './fabric-ca-error.ts';
import type { CaErrorMessage } from './fabric-ca-error.ts';

export interface RawCaResponse {
  status: number;
  body: string;
}

/**
 * Unwraps the cfssl-style envelope `{success, result, errors, messages}` every Fabric CA
 * endpoint answers with, and turns a refusal into a FabricCaError carrying the CA's own codes.
 * `what` names the operation for messages ("enroll of 'alice'"); `secrets` are values the
 * request carried that must not come back out in an error message.
 */
export function unwrapCaResponse(response: RawCaResponse, what: string, secrets: readonly string[] = []): unknown {
  const envelope = parseEnvelope(response.body);
  if (!envelope) {
    throw new FabricCaError('CA_BAD_RESPONSE', `The Fabric CA answered ${what} with HTTP ${response.status} and a body that is not a Fabric CA response.`, {
      httpStatus: response.status,
    });
  }
  const caErrors = envelope.errors.map((e) => ({ code: e.code, message: redact(e.message, secrets) }));
  const ok = response.status >= 200 && response.status < 300 && envelope.success && caErrors.length === 0;
  if (ok) return envelope.result;

  const code = response.status === 401 || response.status === 403 ? 'CA_AUTH_FAILED' : 'CA_REQUEST_REJECTED';
  const verb = code === 'CA_AUTH_FAILED' ? 'refused' : 'rejected';
  throw new FabricCaError(code, `The Fabric CA ${verb} ${what} (HTTP ${response.status}): ${describeCaErrors(caErrors)}.`, {
    httpStatus: response.status,
    caErrors,
  });
}

interface Envelope {
  success: boolean;
  result: unknown;
  errors: CaErrorMessage[];
}

function parseEnvelope(body: string): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { success?: unknown }).success !== 'boolean') {
    return undefined;
  }
  const { success, result, errors } = parsed as { success: boolean; result?: unknown; errors?: unknown };
  return { success, result, errors: Array.isArray(errors) ? errors.map(toCaErrorMessage) : [] };
}

function toCaErrorMessage(entry: unknown): CaErrorMessage {
  const { code, message } = (typeof entry === 'object' && entry !== null ? entry : {}) as { code?: unknown; message?: unknown };
  return { code: typeof code === 'number' ? code : 0, message: typeof message === 'string' ? message : String(message ?? '') };
}

function describeCaErrors(errors: readonly CaErrorMessage[]): string {
  if (errors.length === 0) return 'no error details given';
  return errors.map((e) => `[CA error ${e.code}] ${e.message.trim()}`).join('; ');
}

/**
 * Some CA messages quote the request (e.g. "Invalid request body: ...; body={...}"), and a
 * register body holds the new identity's secret; cut such quotes and blank any known secret.
 */
export function redact(message: string, secrets: readonly string[]): string {
  let result = message.replace(/;?\s*body=[\s\S]*$/, '; body=<omitted>');
  for (const secret of secrets) {
    if (secret.length > 0) result = result.split(secret).join('<redacted>');
  }
  return result;
}
