import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/http.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LanguageSwitch } from '../../layout.tsx';

type Problem = 'reset.required' | 'reset.mismatch' | 'reset.used' | 'reset.expired' | 'reset.invalid';

// a key, not a sentence, for the refusals a person can act on: it follows the chosen language
const TOKEN_PROBLEMS: Record<string, Problem> = { RESET_TOKEN_USED: 'reset.used', RESET_TOKEN_EXPIRED: 'reset.expired', RESET_TOKEN_INVALID: 'reset.invalid' };

/** Signed out: a new password with the one-time token an admin gave (pre-filled from a link's ?token=). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ token: params.get('token') ?? '', next: '', confirm: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    if (!form.token.trim() || !form.next) return setProblem('reset.required');
    if (form.next !== form.confirm) return setProblem('reset.mismatch');
    setBusy(true);
    try {
      await api('/api/identity/auth/password-reset', { method: 'POST', body: { token: form.token.trim(), newPassword: form.next } });
      setDone(true);
    } catch (e) {
      const known = e instanceof ApiError ? TOKEN_PROBLEMS[e.code] : undefined;
      if (known) setProblem(known);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const input = (key: keyof typeof form, label: string, type: string, autoComplete: string) => (
    <>
      <label htmlFor={`reset-${key}`}>{label}</label>
      <input id={`reset-${key}`} type={type} autoComplete={autoComplete} spellCheck={false} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </>
  );

  return (
    <div className="sign-in">
      <div className="sign-in-card">
        <div className="row spread">
          <h1>
            <span aria-hidden="true">⚡ </span>
            {t('app.name')}
          </h1>
          <LanguageSwitch />
        </div>
        {done ? (
          <div className="stack">
            <p className="notice notice-ok" role="status">
              {t('reset.done')}
            </p>
            <Link to="/sign-in">{t('reset.back')}</Link>
          </div>
        ) : (
          <form onSubmit={submit} noValidate aria-label={t('reset.title')}>
            <h2>{t('reset.title')}</h2>
            <p className="muted">{t('reset.intro')}</p>
            {input('token', t('reset.token'), 'text', 'off')}
            {input('next', t('reset.newPassword'), 'password', 'new-password')}
            <p className="muted small">{t('account.policy')}</p>
            {input('confirm', t('reset.confirm'), 'password', 'new-password')}
            {problem && (
              <p className="notice notice-error" role="alert">
                {t(problem)}
              </p>
            )}
            {error !== null && <ErrorNotice error={error} />}
            <button type="submit" className="button-primary wide" disabled={busy}>
              {busy ? t('reset.busy') : t('reset.submit')}
            </button>
            <p>
              <Link to="/sign-in">{t('reset.back')}</Link>
            </p>
          </form>
        )}
      </div>
    </div>
  );
}
