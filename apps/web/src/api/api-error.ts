/** A refusal or failure, with the service's code and sentence when it gave one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** From a non-2xx response: the services answer {code, message}; anything else gets a plain sentence. */
  static async from(response: Response): Promise<ApiError> {
    const body = (await response.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
    const message = typeof body?.message === 'string' ? body.message : Array.isArray(body?.message) ? body.message.join('; ') : `the server answered ${response.status} ${response.statusText}`.trim();
    const code = typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`;
    return new ApiError(response.status, code, message);
  }
}

/** The server's lower-case sentences, as a sentence on screen. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?。]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
