import { ApiError } from '../../api/api-error.ts';
import { apiFetch } from '../../api/http.ts';

/**
 * Reads a download through the entry chunk by chunk, reporting bytes as they arrive, then hands
 * the browser the file to save. `expected` is the asset's size from the chain when the response
 * carries no length (the platform decrypts as it streams).
 */
export async function downloadWithProgress(path: string, fileName: string, expected: number | null, onProgress: (received: number, total: number | null) => void, signal?: AbortSignal): Promise<void> {
  const response = await apiFetch(path, signal ? { signal } : {});
  if (!response.ok || !response.body) throw await ApiError.from(response);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : expected;
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  saveBlob(new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }), fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The name the server suggested (content-disposition), or a fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}
