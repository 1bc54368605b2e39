import { Injectable } from '@nestjs/common';

export interface UploadProgress {
  uploadId: string;
  userId: string;
  stage: 'receiving' | 'pinning' | 'registering' | 'done' | 'failed';
  bytesReceived: number;
  /** from Content-Length, when the client sent it */
  bytesExpected: number | null;
  assetId: string | null;
  error: string | null;
  updatedAt: number;
}

const KEEP_MS = 10 * 60_000;

/**
 * Progress of uploads in flight, by the client's upload id, so a dashboard can draw a progress
 * bar while the same client streams the body. In memory: it describes this process's work only.
 */
@Injectable()
export class UploadProgressRegistry {
  private readonly uploads = new Map<string, UploadProgress>();

  start(uploadId: string, userId: string, bytesExpected: number | null): UploadProgress {
    this.sweep();
    const progress: UploadProgress = { uploadId, userId, stage: 'receiving', bytesReceived: 0, bytesExpected, assetId: null, error: null, updatedAt: Date.now() };
    this.uploads.set(uploadId, progress);
    return progress;
  }

  update(progress: UploadProgress, change: Partial<Omit<UploadProgress, 'uploadId' | 'userId'>>): void {
    Object.assign(progress, change, { updatedAt: Date.now() });
  }

  /** Only the user who uploads sees the progress of their upload. */
  get(uploadId: string, userId: string): UploadProgress | undefined {
    const progress = this.uploads.get(uploadId);
    return progress?.userId === userId ? progress : undefined;
  }

  private sweep(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const [id, progress] of this.uploads) if (progress.updatedAt < cutoff) this.uploads.delete(id);
  }
}
