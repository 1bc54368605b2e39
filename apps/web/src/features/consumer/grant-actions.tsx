import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { api, apiFetch } from '../../api/http.ts';
import type { RequestView } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { followAsDownload } from '../../api/follow-as-download.ts';
import { saveBlob } from './download.ts';

/**
 * What a consumer does with a grant: download the file through the platform (verified, recorded
 * on chain) straight to disk, or obtain the key envelope to decrypt from any IPFS gateway.
 */
export function GrantActions({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [keyOpen, setKeyOpen] = useState(false);
  const [publicKey, setPublicKey] = useState('');

  // access is checked when the link is given, so a refusal shows here, not as a bare error page;
  // the browser then streams the file to disk itself, with its own progress
  const download = async () => {
    setError(null);
    try {
      const { path } = await api<{ path: string }>(`/api/storage/files/${request.assetId}/download-link`, { method: 'POST' });
      followAsDownload(`/api/storage${path}`);
    } catch (e) {
      setError(e);
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
      saveBlob(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }), `${request.assetId}.envelope.json`);
      setKeyOpen(false);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="button-primary" onClick={() => void download()}>
          {t('consumer.downloadFile')}
        </button>
        <button type="button" className="button-secondary" aria-expanded={keyOpen} onClick={() => setKeyOpen((o) => !o)}>
          {t('consumer.keyEnvelope')}
        </button>
      </div>
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
