import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';

/** The owner re-encrypts a file under a new key; grantees whose grant is still valid get the new key sealed for them. */
export function KeyRotation({ assetId, onRotated }: { assetId: string; onRotated: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/storage/files/${assetId}/key-rotation`, { method: 'POST' });
      setDone(true);
      setConfirming(false);
      onRotated();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      {done && <SuccessNotice>{t('owner.rotated')}</SuccessNotice>}
      {confirming ? (
        <div className="row" role="group" aria-label={t('owner.rotateKey')}>
          <span>{t('owner.confirmRotate')}</span>
          <button type="button" className="button-danger" disabled={busy} onClick={() => void rotate()}>
            {t('owner.rotateKey')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button-secondary" onClick={() => (setConfirming(true), setDone(false))}>
          {t('owner.rotateKey')}
        </button>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
