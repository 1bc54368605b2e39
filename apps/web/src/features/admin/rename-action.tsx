import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { DirectoryUser } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';

/** An admin sets the display name of a user of their organisation. */
export function RenameAction({ user, onDone }: { user: DirectoryUser; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(user.displayName);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || name.trim().length > 100) return setInvalid(true);
    setBusy(true);
    setError(null);
    try {
      const updated = await api<{ displayName: string }>(`/api/identity/users/${user.id}/display-name`, { method: 'PUT', body: { displayName: name.trim() } });
      setOpen(false);
      onDone(updated.displayName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        {t('admin.rename')}
      </button>
    );
  }
  return (
    <form className="reason-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} aria-label={t('admin.rename')}>
      <label htmlFor={id}>{t('admin.newName')}</label>
      <input id={id} autoFocus value={name} maxLength={100} onChange={(e) => (setName(e.target.value), setInvalid(false))} aria-invalid={invalid} />
      {invalid && <span className="field-error">{t('account.nameInvalid')}</span>}
      <div className="row">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
