import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_LENGTH, NOTE_SUBJECTS, type NoteSubject } from '@gridledger/domain';
import { api } from '../../api/http.ts';
import type { DirectoryUser } from '../../api/types.ts';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { UserPicker } from '../directory/user-picker.tsx';

/** A regulator's note on an asset, a request or a user, written on chain; notes on an asset appear in its lineage. */
export function NotePanel() {
  const { t } = useTranslation();
  const id = useId();
  const [subjectType, setSubjectType] = useState<NoteSubject>('asset');
  const [subjectId, setSubjectId] = useState('');
  const [user, setUser] = useState<DirectoryUser | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const subject = subjectType === 'user' ? (user?.id ?? '') : subjectId.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api('/api/access/supervision/notes', { method: 'POST', body: { subjectType, subjectId: subject, text: text.trim() } });
      setText('');
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('regulator.notes.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('regulator.notes.subjectType')}</label>
        <select id={`${id}-type`} value={subjectType} onChange={(e) => (setSubjectType(e.target.value as NoteSubject), setDone(false))}>
          {NOTE_SUBJECTS.map((type) => (
            <option key={type} value={type}>
              {t(`regulator.notes.subjects.${type}`)}
            </option>
          ))}
        </select>
      </div>
      {subjectType === 'user' ? (
        user ? (
          <p data-user-id={user.id}>
            {t('regulator.chosen', { name: user.displayName, username: user.username, org: user.organizationName })}{' '}
            <button type="button" className="button-secondary" onClick={() => setUser(null)}>
              {t('regulator.chooseAnother')}
            </button>
          </p>
        ) : (
          <UserPicker label={t('regulator.findUser')} onPick={setUser} />
        )
      ) : (
        <div className="field">
          <label htmlFor={`${id}-subject`}>{subjectType === 'asset' ? t('regulator.assetId') : t('regulator.notes.requestId')}</label>
          <input id={`${id}-subject`} value={subjectId} onChange={(e) => (setSubjectId(e.target.value), setDone(false))} spellCheck={false} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('regulator.notes.text')}</label>
        <textarea id={`${id}-text`} value={text} onChange={(e) => (setText(e.target.value), setDone(false))} maxLength={MAX_NOTE_LENGTH} rows={3} />
      </div>
      <div className="row">
        <button type="submit" className="button-primary" disabled={busy || !subject || !text.trim()}>
          {busy ? t('regulator.notes.saving') : t('regulator.notes.add')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      {done && <SuccessNotice>{t('regulator.frozen')}</SuccessNotice>}
    </form>
  );
}
