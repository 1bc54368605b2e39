import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice.tsx';

/**
 * A button that asks for a reason before it acts (approve, reject, revoke, freeze): the reason is
 * recorded on chain, so it is required. Enter submits, Escape closes.
 */
export function ReasonAction({ label, tone = 'primary', onSubmit, onDone, requiredHint }: { label: string; tone?: 'primary' | 'danger'; onSubmit: (reason: string) => Promise<unknown>; onDone?: () => void; /** what an empty reason is told, when it is not recorded on chain */ requiredHint?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setInvalid(true);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason.trim());
      setOpen(false);
      setReason('');
      onDone?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className={tone === 'danger' ? 'button-danger' : 'button-primary'} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form className="reason-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} aria-label={label}>
      <label htmlFor={id}>{t('common.reason')}</label>
      <input id={id} autoFocus value={reason} onChange={(e) => (setReason(e.target.value), setInvalid(false))} aria-invalid={invalid} aria-describedby={invalid ? `${id}-hint` : undefined} maxLength={500} />
      {invalid && (
        <span id={`${id}-hint`} className="field-error">
          {requiredHint ?? t('common.reasonRequired')}
        </span>
      )}
      <div className="row">
        <button type="submit" className={tone === 'danger' ? 'button-danger' : 'button-primary'} disabled={busy}>
          {label}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
