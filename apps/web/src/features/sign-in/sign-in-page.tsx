import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LanguageSwitch } from '../../layout.tsx';
import { homeFor } from '../../screens.ts';
import { useSession } from '../../session/session-context.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // a key, not a sentence: switching the language re-words what is shown
  const [problem, setProblem] = useState<'signIn.required' | 'signIn.wrong' | 'signIn.locked' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    if (!username.trim() || !password) return setProblem('signIn.required');
    setBusy(true);
    try {
      const me = await signIn(username.trim(), password);
      navigate(from && from !== '/sign-in' ? from : homeFor(me.role), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'INVALID_CREDENTIALS') setProblem('signIn.wrong');
      else if (e instanceof ApiError && e.code === 'ACCOUNT_LOCKED') setProblem('signIn.locked');
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

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
        <p className="muted">{t('signIn.intro')}</p>
        <form onSubmit={submit} noValidate aria-label={t('signIn.title')}>
          <h2>{t('signIn.title')}</h2>
          <label htmlFor="username">{t('signIn.username')}</label>
          <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          <label htmlFor="password">{t('signIn.password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          {problem && (
            <p className="notice notice-error" role="alert">
              {t(problem)}
            </p>
          )}
          {error !== null && <ErrorNotice error={error} />}
          <button type="submit" className="button-primary wide" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
        <p>
          <Link to="/reset-password">{t('signIn.haveToken')}</Link>
        </p>
      </div>
    </div>
  );
}
