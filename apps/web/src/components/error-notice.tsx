import { useTranslation } from 'react-i18next';
import { ApiError, sentence } from '../api/api-error.ts';

/** The sentence a person reads for any failure: the service's own words, or what to do when there are none. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.code === 'NETWORK') return t('errors.network');
      if (error.status === 401) return t('errors.session');
      if (error.status === 403) return t('errors.forbidden', { message: sentence(error.message) });
      return sentence(error.message);
    }
    return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
  };
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="notice notice-error" role="alert">
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function SuccessNotice({ children }: { children: string }) {
  return (
    <div className="notice notice-ok" role="status">
      {children}
    </div>
  );
}
