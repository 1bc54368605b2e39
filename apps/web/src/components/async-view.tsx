import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice.tsx';
import type { AsyncState } from './use-async.ts';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/**
 * Loading, error (with a retry), empty or the content: every data view on every screen goes
 * through here, so none of them forgets a state. Data already shown stays while it reloads.
 */
export function AsyncView<T>({ state, empty, isEmpty, children }: { state: AsyncState<T> & { reload: () => void }; empty?: ReactNode; isEmpty?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  if (empty !== undefined && (isEmpty ? isEmpty(state.data) : Array.isArray(state.data) && state.data.length === 0)) return <Empty>{empty}</Empty>;
  return <>{children(state.data)}</>;
}
