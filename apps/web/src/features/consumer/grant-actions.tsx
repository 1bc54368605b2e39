import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { api, apiFetch } from '../../api/http.ts';
import type { RequestView } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formatBytes } from '../../components/format.ts';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { downloadWithProgress, fileNameOf, saveBlob } from './download.ts';

/**
 * What a consumer does with a grant: download the file through the platform (verified, recorded
 * on chain) with a progress bar, or obtain the key envelope to decrypt from any IPFS gateway.
 */
export function GrantActions({ request, sizeBytes }: { request: RequestView; sizeBytes: number | null }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [keyOpen, setKeyOpen] = useState(false);
  const [publicKey, setPublicKey] = useState('');

  const download = async () => {
    setError(null);
    try {
      const head = await apiFetch(`/api/storage/files/${request.assetId}`);
      // the stored file's name and size: the size drives the bar when the response has no length
      const record = head.ok ? ((await head.json()) as { fileName?: string; sizeBytes?: number }) : {};
      await downloadWithProgress(`/api/storage/files/${request.assetId}/content`, record.fileName ?? `${request.assetId}.bin`, record.sizeBytes ?? sizeBytes, (received, total) => setProgress({ received, total }));
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  const envelope = async (seal: boolean) => {
    setError(null);
    try {
      const body = seal
        ? await api<unknown>(`/api/storage/files/${request.assetId}/key-release`, { method: 'POST', body: { publicKey: publicKey.trim() } })
        : await (async () => {
            const response = await apiFetch(`/api/storage/files/${request.assetId}/key-envelope`);
            if (!response.ok) throw await ApiError.from(response);
            return response.json() as Promise<unknown>;
          })();
      saveBlob(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }), fileNameOf(null, `${request.assetId}.envelope.json`));
      setKeyOpen(false);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="stack">
      {progress ? (
        <ProgressBar label={t('consumer.downloading', { done: formatBytes(progress.received), total: formatBytes(progress.total) })} value={progress.total ? progress.received : null} max={progress.total ?? 1} />
      ) : (
        <div className="row">
          <button type="button" className="button-primary" onClick={() => void download()}>
            {t('consumer.downloadFile')}
          </button>
          <button type="button" className="button-secondary" aria-expanded={keyOpen} onClick={() => setKeyOpen((o) => !o)}>
            {t('consumer.keyEnvelope')}
          </button>
        </div>
      )}
      {keyOpen && (
        <form className="stack" onSubmit={(e) => (e.preventDefault(), void envelope(true))}>
          <label htmlFor={`pk-${request.id}`}>{t('consumer.publicKey')}</label>
          <textarea id={`pk-${request.id}`} rows={3} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} required />
          <div className="row">
            <button type="submit" className="button-primary" disabled={!publicKey.trim()}>
              {t('consumer.getEnvelope')}
            </button>
            <button type="button" className="button-secondary" onClick={() => void envelope(false)}>
              {t('consumer.latestEnvelope')}
            </button>
          </div>
        </form>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
