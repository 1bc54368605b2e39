import { ApiError } from '../../api/api-error.ts';
import { session } from '../../api/session-store.ts';
import type { FileRecord } from '../../api/types.ts';
import type { UploadMetadata } from './upload-form.ts';

/**
 * Sends the form with XMLHttpRequest, the browser API that reports upload progress. The
 * metadata part goes first: the storage service reads it before the file streams in. A 401
 * (token expired mid-way) renews the session and sends again once; a File can be re-read.
 */
export function sendUpload(metadata: UploadMetadata, file: File, uploadId: string, onSent: (sent: number, total: number) => void): { done: Promise<FileRecord>; abort: () => void } {
  let xhr: XMLHttpRequest | null = null;
  const attempt = () =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const form = new FormData();
      form.append('metadata', JSON.stringify(metadata));
      form.append('file', file, file.name);
      const request = new XMLHttpRequest();
      xhr = request;
      request.open('POST', '/api/storage/files');
      if (session.token) request.setRequestHeader('authorization', `Bearer ${session.token}`);
      request.setRequestHeader('x-upload-id', uploadId);
      request.upload.onprogress = (e) => onSent(e.loaded, e.lengthComputable ? e.total : file.size);
      request.onload = () => resolve({ status: request.status, body: request.responseText });
      request.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
      request.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      request.send(form);
    });
  const done = (async () => {
    let answer = await attempt();
    if (answer.status === 401 && (await session.renew())) answer = await attempt();
    const json = (() => {
      try {
        return JSON.parse(answer.body) as Record<string, unknown>;
      } catch {
        return {};
      }
    })();
    if (answer.status < 200 || answer.status >= 300) throw new ApiError(answer.status, typeof json['code'] === 'string' ? json['code'] : `HTTP_${answer.status}`, typeof json['message'] === 'string' ? json['message'] : `the upload failed with ${answer.status}`);
    return json as unknown as FileRecord;
  })();
  return { done, abort: () => (xhr as XMLHttpRequest | null)?.abort() };
}
