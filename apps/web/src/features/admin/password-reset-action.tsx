import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { DirectoryUser, PasswordReset } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formatDate } from '../../components/format.ts';

/**
 * An admin asks for a one-time reset token and reads it here, once: the service keeps only its
 * hash, so closing this shows it never again (a new request replaces it).
 */
export function PasswordResetAction({ user }: { user: DirectoryUser }) {
  const { t, i18n } = useTranslation();
  const [reset, setReset] = useState<PasswordReset | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const issue = () => {
    setBusy(true);
    setError(null);
    api<PasswordReset>(`/api/identity/users/${user.id}/password-reset`, { method: 'POST' }).then(setReset, setError).finally(() => setBusy(false));
  };

  if (reset) {
    const link = `${window.location.origin}/reset-password?token=${encodeURIComponent(reset.token)}`;
    return (
      <div className="card stack" role="dialog" aria-labelledby={`reset-${user.id}`}>
        <strong id={`reset-${user.id}`}>{t('admin.resetTitle', { name: user.displayName })}</strong>
        <p className="small">{t('admin.resetExplain', { name: user.displayName, time: formatDate(reset.expiresAt, i18n.language) })}</p>
        <output className="mono" data-testid="reset-token">
          {reset.token}
        </output>
        <p className="small">{t('admin.resetLink')}</p>
        <output className="mono small">{link}</output>
        <div className="row">
          <button type="button" className="button-secondary" onClick={() => void navigator.clipboard?.writeText(reset.token)}>
            {t('common.copy')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setReset(null)}>
            {t('common.close')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      <button type="button" className="button-secondary" disabled={busy} onClick={issue}>
        {t('admin.resetPassword')}
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </>
  );
}
