import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';

/** An admin allocates credits to a user of their organisation (settlement:Mint on chain), so consumers can pay for data. */
export function CreditsAction({ userId, onDone }: { userId: string; onDone: (amount: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('100');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = /^\d+$/.test(amount) ? Number(amount) : 0;
    if (n < 1) return setInvalid(true);
    setBusy(true);
    setError(null);
    try {
      await api(`/api/access/accounts/${userId}/credits`, { method: 'POST', body: { amount: n } });
      setOpen(false);
      onDone(n);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        {t('admin.credits')}
      </button>
    );
  }
  return (
    <form className="reason-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} aria-label={t('admin.credits')}>
      <label htmlFor={id}>{t('admin.amount')}</label>
      <input id={id} inputMode="numeric" autoFocus value={amount} onChange={(e) => (setAmount(e.target.value), setInvalid(false))} aria-invalid={invalid} />
      {invalid && <span className="field-error">{t('admin.amountInvalid')}</span>}
      <div className="row">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('admin.allocate')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
