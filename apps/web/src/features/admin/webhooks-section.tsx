import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { Badge, statusTone } from '../../components/badge.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { formatDate } from '../../components/format.ts';
import { useAsync } from '../../components/use-async.ts';
import { useSubmission } from '../../components/use-submission.ts';
import { KIND_KEYS, NOTIFICATION_KINDS, type NotificationKind } from '../notifications/notification-types.ts';

const BASE = '/api/access/webhooks';

interface Webhook { id: string; url: string; eventTypes: NotificationKind[]; createdAt: string }
interface Delivery {
  id: string;
  eventType: NotificationKind;
  status: 'pending' | 'delivered' | 'dead';
  nextAttemptAt: string | null;
  createdAt: string;
  attempts: { attempt: number; startedAt: string; durationMs: number; statusCode: number | null; error: string | null }[];
}

/** The organisation's webhooks: register one for chosen event types (its secret shown once), list, delete, read the delivery log. */
export function WebhooksSection() {
  const { t, i18n } = useTranslation();
  const hooks = useAsync((signal) => api<Webhook[]>(BASE, { signal }), []);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const removal = useSubmission();
  const remove = (id: string) =>
    void removal.run(async () => {
      await api(`${BASE}/${id}`, { method: 'DELETE' });
      setNotice(t('webhooks.deleted'));
      hooks.reload();
    });
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('webhooks.title')}</h2>
      <p className="muted">{t('webhooks.explain')}</p>
      <RegisterForm onCreated={(created) => (setSecret(created), setNotice(null), hooks.reload())} />
      {secret && (
        <div className="notice notice-ok" role="status">
          <strong>{t('webhooks.secretTitle')}</strong>
          <p>{t('webhooks.secretExplain')}</p>
          <code data-testid="webhook-secret">{secret}</code>
          <button type="button" className="button-secondary" onClick={() => setSecret(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {removal.error !== null && <ErrorNotice error={removal.error} />}
      <AsyncView state={hooks} isEmpty={(list) => list.length === 0} empty={t('webhooks.none')}>
        {(list) => (
          <ul className="webhook-list">
            {list.map((hook) => (
              <li key={hook.id}>
                <code>{hook.url}</code> <span className="muted small">{hook.eventTypes.join(', ')} · {t('webhooks.created')} {formatDate(hook.createdAt, i18n.language)}</span>
                <button type="button" className="button-secondary" aria-expanded={open === hook.id} onClick={() => setOpen(open === hook.id ? null : hook.id)}>
                  {open === hook.id ? t('webhooks.hideDeliveries') : t('webhooks.deliveries')}
                </button>
                <button type="button" className="button-danger" disabled={removal.busy} onClick={() => remove(hook.id)}>
                  {t('webhooks.delete')}
                </button>
                {open === hook.id && <DeliveryLog webhookId={hook.id} />}
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
    </section>
  );
}

function RegisterForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<NotificationKind[]>([]);
  const [invalid, setInvalid] = useState(false);
  const { busy, error, run } = useSubmission();
  const toggle = (kind: NotificationKind) => setTypes((chosen) => (chosen.includes(kind) ? chosen.filter((k) => k !== kind) : [...chosen, kind]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(types.length === 0);
    if (types.length === 0) return;
    void run(async () => {
      const created = await api<{ secret: string }>(BASE, { method: 'POST', body: { url, eventTypes: types } });
      setUrl('');
      setTypes([]);
      onCreated(created.secret);
    });
  };
  return (
    <form className="form-narrow" onSubmit={submit} aria-label={t('webhooks.register')}>
      <div className="field">
        <label htmlFor="webhook-url">{t('webhooks.url')}</label>
        <input id="webhook-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
      </div>
      <fieldset>
        <legend>{t('webhooks.eventTypes')}</legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind} className="check">
            <input type="checkbox" checked={types.includes(kind)} onChange={() => toggle(kind)} /> {t(`webhooks.types.${KIND_KEYS[kind]}`)}
          </label>
        ))}
      </fieldset>
      {invalid && <p className="field-error" role="alert">{t('webhooks.chooseType')}</p>}
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" disabled={busy}>
        {t('webhooks.register')}
      </button>
    </form>
  );
}

function DeliveryLog({ webhookId }: { webhookId: string }) {
  const { t, i18n } = useTranslation();
  const log = useAsync((signal) => api<Delivery[]>(`${BASE}/${webhookId}/deliveries`, { signal }), [webhookId]);
  return (
    <AsyncView state={log} isEmpty={(list) => list.length === 0} empty={t('webhooks.noDeliveries')}>
      {(list) => (
        <table className="delivery-log">
          <thead>
            <tr>
              <th>{t('webhooks.created')}</th>
              <th>{t('webhooks.eventTypes')}</th>
              <th>{t('webhooks.status')}</th>
              <th>{t('webhooks.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id}>
                <td>{formatDate(d.createdAt, i18n.language)}</td>
                <td>{d.eventType}</td>
                <td>
                  <Badge tone={d.status === 'dead' ? 'bad' : statusTone(d.status)}>{t(`webhooks.deliveryStatus.${d.status}`)}</Badge>
                  {d.nextAttemptAt && <small className="muted"> {t('webhooks.nextAttempt', { time: formatDate(d.nextAttemptAt, i18n.language) })}</small>}
                </td>
                <td>
                  <ol>
                    {d.attempts.map((a) => (
                      <li key={a.attempt}>{t('webhooks.attempt', { attempt: a.attempt, result: a.statusCode ?? a.error ?? '', ms: a.durationMs, time: formatDate(a.startedAt, i18n.language) })}</li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AsyncView>
  );
}
