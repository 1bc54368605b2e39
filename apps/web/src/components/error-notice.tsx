import { isErrorCode } from '@gridledger/api-errors';
import { useTranslation } from 'react-i18next';
import { ApiError, sentence } from '../api/api-error.ts';

/**
 * The sentence a person reads for any failure, in the chosen language. The services write their
 * sentences in English: an English reader gets them as they are (they name the field or the rule),
 * anyone else the translation of the refusal's code, which every code in the platform's one
 * table has.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.code === 'NETWORK') return t('errors.network');
      if (error.status === 401) return t('errors.session');
      if (!i18n.language.startsWith('en') && isErrorCode(error.code)) return t(`errors.codes.${error.code}`);
      if (error.status === 403) return t('errors.forbidden', { message: sentence(error.message) });
      return sentence(error.message);
    }
    return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
  };
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const text = useErrorText();
  // the service's own words stay at hand for support, marked as English for screen readers
  const original = error instanceof ApiError && !i18n.language.startsWith('en') && isErrorCode(error.code) && error.status !== 401 ? `${error.code}: ${sentence(error.message)}` : null;
  return (
    <div className="notice notice-error" role="alert">
      <span>{text(error)}</span>
      {original && (
        <small className="error-original" lang="en">
          {original}
        </small>
      )}
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
