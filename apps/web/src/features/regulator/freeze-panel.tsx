import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { DirectoryUser } from '../../api/types.ts';
import { SuccessNotice } from '../../components/error-notice.tsx';
import { ReasonAction } from '../../components/reason-action.tsx';
import { UserPicker } from '../directory/user-picker.tsx';

const supervise = (target: 'assets' | 'users', id: string, verb: 'freeze' | 'unfreeze') => (reason: string) =>
  api(`/api/access/supervision/${target}/${encodeURIComponent(id)}/${verb}`, { method: 'POST', body: { reason } });

/** Freeze or unfreeze an asset or a user by id: a supervision transaction only the regulator's organisation may sign. */
export function FreezePanel({ target }: { target: 'assets' | 'users' }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [done, setDone] = useState(false);
  const inputId = `freeze-${target}`;
  const act = (verb: 'freeze' | 'unfreeze') => supervise(target, id.trim(), verb);
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

/** Freeze or unfreeze a user picked from the identity service's directory (every organisation's, for the regulator). */
export function UserFreezePanel() {
  const { t } = useTranslation();
  const [user, setUser] = useState<DirectoryUser | null>(null);
  const [done, setDone] = useState(false);
  const pick = (picked: DirectoryUser | null) => {
    setUser(picked);
    setDone(false);
  };
  return (
    <div className="card stack">
      <h2>{t('regulator.freezeUser')}</h2>
      {user ? (
        <>
          <p data-user-id={user.id}>{t('regulator.chosen', { name: user.displayName, username: user.username, org: user.organizationName })}</p>
          <div className="row">
            <ReasonAction label={t('regulator.freeze')} tone="danger" onSubmit={supervise('users', user.id, 'freeze')} onDone={() => setDone(true)} />
            <ReasonAction label={t('regulator.unfreeze')} onSubmit={supervise('users', user.id, 'unfreeze')} onDone={() => setDone(true)} />
            <button type="button" className="button-secondary" onClick={() => pick(null)}>
              {t('regulator.chooseAnother')}
            </button>
          </div>
        </>
      ) : (
        <UserPicker label={t('regulator.findUser')} onPick={pick} />
      )}
      {done && <SuccessNotice>{t('regulator.frozen')}</SuccessNotice>}
    </div>
  );
}
