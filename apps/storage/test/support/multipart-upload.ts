import { createHash, randomBytes } from 'node:crypto';
import { pullStream } from './pull-stream.ts';

export interface UploadSource {
  /** the file's bytes, produced as they are sent: a 256 MiB file is never in memory */
  chunks: () => AsyncIterable<Uint8Array>;
  fileName: string;
  contentType?: string;
}

/** Random bytes of a given size, generated in 1 MiB pieces from a seed-free stream, with their SHA-256 known at the end. */
export function randomFile(size: number): { source: () => AsyncIterable<Uint8Array>; sha256: () => string } {
  const hash = createHash('sha256');
  let digest: string | undefined;
  return {
    source: async function* () {
      for (let sent = 0; sent < size; ) {
        const piece = randomBytes(Math.min(1024 * 1024, size - sent));
        hash.update(piece);
        sent += piece.length;
        yield piece;
      }
      digest = hash.digest('hex');
    },
    sha256: () => {
      if (digest === undefined) throw new Error('the file has not been sent yet');
      return digest;
    },
  };
}

/** A multipart/form-data body streamed from the metadata and the file source. */
export function multipartBody(metadata: unknown, file: UploadSource): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = `----gridledger-${randomBytes(8).toString('hex')}`;
  async function* parts(): AsyncIterable<Uint8Array> {
    yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata)}\r\n`);
    // the file name reaches the service as given, control characters included (RFC 5987 encoding
    // carries them through a header): the service must neutralise it
    // eslint-disable-next-line no-control-regex -- control characters are what this test sends
    const name = /[\u0000-\u001f"]/.test(file.fileName) ? `filename*=UTF-8''${encodeURIComponent(file.fileName)}` : `filename="${file.fileName}"`;
    yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; ${name}\r\ncontent-type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`);
    yield* file.chunks();
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { body: pullStream(parts()), contentType: `multipart/form-data; boundary=${boundary}` };
}
