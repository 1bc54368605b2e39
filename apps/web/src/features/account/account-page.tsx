import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/http.ts';
import { session } from '../../api/session-store.ts';
import type { Me, TokenPair } from '../../api/types.ts';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { useUser } from '../../session/session-context.tsx';
import { parseDisplayName } from './display-name.ts';

/** Every user: their display name and their password. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useUser();
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <div className="grid-2">
        <DisplayNameForm me={me} />
        <ChangePasswordForm />
      </div>
    </section>
  );
}

function DisplayNameForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [name, setName] = useState(me.displayName);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const displayName = parseDisplayName(name);
    if (displayName === undefined) return setInvalid(true);
    setBusy(true);
    try {
      const updated = await api<Me>(`/api/identity/users/${me.id}/display-name`, { method: 'PUT', body: { displayName } });
      setName(updated.displayName);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile')}</h2>
      <dl>
        <dt>{t('account.username')}</dt>
        <dd>{me.username}</dd>
        <dt>{t('account.organisation')}</dt>
        <dd>{me.mspId}</dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`roles.${me.role}`)}</dd>
      </dl>
      <div className="field">
        <label htmlFor="account-display-name">{t('account.displayName')}</label>
        <input id="account-display-name" value={name} maxLength={100} onChange={(e) => (setName(e.target.value), setInvalid(false))} aria-invalid={invalid} aria-describedby={invalid ? 'account-display-name-error' : undefined} />
        {invalid && (
          <span className="field-error" id="account-display-name-error">
            {t('account.nameInvalid')}
          </span>
        )}
      </div>
      {saved && <SuccessNotice>{t('account.nameSaved')}</SuccessNotice>}
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" className="button-primary" disabled={busy}>
        {t('account.saveName')}
      </button>
    </form>
  );
}

type PasswordProblem = 'account.required' | 'account.mismatch' | 'account.wrongCurrent';

/** The service closes every other session; this one carries on with the pair it answers. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ current: '', next: '', confirm: '' });
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    setChanged(false);
    if (!form.current || !form.next) return setProblem('account.required');
    if (form.next !== form.confirm) return setProblem('account.mismatch');
    setBusy(true);
    try {
      session.adopt(await api<TokenPair>('/api/identity/users/me/password', { method: 'PUT', body: { currentPassword: form.current, newPassword: form.next } }));
      setForm({ current: '', next: '', confirm: '' });
      setChanged(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'WRONG_PASSWORD') setProblem('account.wrongCurrent');
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const input = (key: keyof typeof form, label: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`password-${key}`}>{label}</label>
      <input id={`password-${key}`} type="password" autoComplete={autoComplete} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} aria-describedby={key === 'next' ? 'password-policy' : undefined} />
    </div>
  );

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t('account.password')}</h2>
      {input('current', t('account.current'), 'current-password')}
      {input('next', t('account.newPassword'), 'new-password')}
      <p className="muted small" id="password-policy">
        {t('account.policy')}
      </p>
      {input('confirm', t('account.confirm'), 'new-password')}
      {problem && (
        <p className="notice notice-error" role="alert">
          {t(problem)}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {changed && <SuccessNotice>{t('account.changed')}</SuccessNotice>}
      <button type="submit" className="button-primary" disabled={busy}>
        {t('account.change')}
      </button>
    </form>
  );
}
