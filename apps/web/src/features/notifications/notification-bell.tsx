import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formatDate, shortId } from '../../components/format.ts';
import { useSubmission } from '../../components/use-submission.ts';
import { KIND_KEYS, type AppNotification } from './notification-types.ts';
import { useNotifications } from './use-notifications.ts';

/** The header's bell: the unread count, and the list behind it with mark-as-read, one and all. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { items, unreadCount, error, markRead, markAllRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const { error: actionError, run } = useSubmission();
  return (
    <div className="notification-bell">
      <button type="button" className="button-secondary" aria-expanded={open} aria-controls="notification-list" onClick={() => setOpen((o) => !o)} data-testid="notification-bell">
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="visually-hidden">{t('notifications.title')}</span>
        {unreadCount > 0 && (
          <span className="badge badge-bad" aria-label={t('notifications.unread', { count: unreadCount })}>
            {String(unreadCount)}
          </span>
        )}
      </button>
      {open && (
        <div id="notification-list" className="notification-panel" role="region" aria-label={t('notifications.title')}>
          <div className="notification-panel-head">
            <strong>{t('notifications.title')}</strong>
            <button type="button" className="button-secondary" disabled={unreadCount === 0} onClick={() => void run(markAllRead)}>
              {t('notifications.markAllRead')}
            </button>
          </div>
          {error !== null && <ErrorNotice error={error} />}
          {actionError !== null && <ErrorNotice error={actionError} />}
          {items.length === 0 ? (
            <p className="muted">{t('notifications.empty')}</p>
          ) : (
            <ul>
              {items.map((n) => (
                <NotificationItem key={n.id} notification={n} onRead={() => void run(() => markRead(n.id))} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function NotificationItem({ notification: n, onRead }: { notification: AppNotification; onRead: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={n.read ? 'notification read' : 'notification unread'}>
      <span>{t(`notifications.kinds.${KIND_KEYS[n.kind]}`, { asset: shortId(n.assetId), request: shortId(n.requestId), reason: n.details['reason'] ?? '' })}</span>
      <small className="muted">{formatDate(n.createdAt, i18n.language)}</small>
      {!n.read && (
        <button type="button" className="button-secondary" onClick={onRead}>
          {t('notifications.markRead')}
        </button>
      )}
    </li>
  );
}
