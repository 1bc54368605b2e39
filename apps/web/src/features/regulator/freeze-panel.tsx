import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import { SuccessNotice } from '../../components/error-notice.tsx';
import { ReasonAction } from '../../components/reason-action.tsx';

/** Freeze or unfreeze an asset or a user by id: a supervision transaction only the regulator's organisation may sign. */
export function FreezePanel({ target }: { target: 'assets' | 'users' }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [done, setDone] = useState(false);
  const inputId = `freeze-${target}`;
  const act = (verb: 'freeze' | 'unfreeze') => (reason: string) => api(`/api/access/supervision/${target}/${encodeURIComponent(id.trim())}/${verb}`, { method: 'POST', body: { reason } });
  return (
    <div className="card stack">
      <h2>{target === 'assets' ? t('regulator.freezeAsset') : t('regulator.freezeUser')}</h2>
      <div className="field">
        <label htmlFor={inputId}>{target === 'assets' ? t('regulator.assetId') : t('regulator.userId')}</label>
        <input id={inputId} value={id} onChange={(e) => (setId(e.target.value), setDone(false))} spellCheck={false} />
      </div>
      {id.trim() && (
        <div className="row">
          <ReasonAction label={t('regulator.freeze')} tone="danger" onSubmit={act('freeze')} onDone={() => setDone(true)} />
          <ReasonAction label={t('regulator.unfreeze')} onSubmit={act('unfreeze')} onDone={() => setDone(true)} />
        </div>
      )}
      {done && <SuccessNotice>{t('regulator.frozen')}</SuccessNotice>}
    </div>
  );
}
