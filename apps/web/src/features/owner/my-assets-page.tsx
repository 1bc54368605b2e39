import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/http.ts';
import type { AssetPage, Inbox, RequestView } from '../../api/types.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { Badge, sensitivityTone, statusTone } from '../../components/badge.tsx';
import { formatBytes } from '../../components/format.ts';
import { ReasonAction } from '../../components/reason-action.tsx';
import { useAsync } from '../../components/use-async.ts';
import { useUser } from '../../session/session-context.tsx';
import { RequestTable } from './request-table.tsx';

/** Owner: the requests waiting for a decision, every request on my assets, and my assets (policy and key rotation are on each asset's page). */
export function MyAssetsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const inbox = useAsync((signal) => api<Inbox>('/api/access/inbox', { signal }), []);
  const all = useAsync((signal) => api<{ items: RequestView[] }>('/api/access/requests?view=owner', { signal }), []);
  const assets = useAsync((signal) => api<AssetPage>(`/api/ledger/assets${query({ ownerUid: user.id, pageSize: 100 })}`, { signal }), [user.id]);
  const reload = () => (inbox.reload(), all.reload());
  const decide = (r: RequestView, decision: 'approve' | 'reject') => (reason: string) => api(`/api/access/requests/${r.id}/${decision}`, { method: 'POST', body: { reason } });

  return (
    <section aria-labelledby="owner-title">
      <h1 id="owner-title">{t('owner.title')}</h1>
      <h2>{t('owner.inbox')}</h2>
      <AsyncView state={inbox} empty={t('owner.noInbox')} isEmpty={(i) => i.ownerPending.length === 0}>
        {(i) => (
          <RequestTable
            requests={i.ownerPending}
            label={t('owner.inbox')}
            show="consumer"
            actions={(r) => (
              <div className="row">
                <ReasonAction label={t('owner.approve')} onSubmit={decide(r, 'approve')} onDone={reload} />
                <ReasonAction label={t('owner.reject')} tone="danger" onSubmit={decide(r, 'reject')} onDone={reload} />
              </div>
            )}
          />
        )}
      </AsyncView>
      <h2>{t('owner.grants')}</h2>
      <AsyncView state={all} empty={t('owner.noGrants')} isEmpty={(a) => a.items.length === 0}>
        {(a) => (
          <RequestTable
            requests={a.items}
            label={t('owner.grants')}
            show="consumer"
            actions={(r) => r.status === 'granted' && <ReasonAction label={t('owner.revoke')} tone="danger" onSubmit={(reason) => api(`/api/access/requests/${r.id}/revoke`, { method: 'POST', body: { reason } })} onDone={reload} />}
          />
        )}
      </AsyncView>
      <h2>{t('owner.assets')}</h2>
      <AsyncView state={assets} empty={t('owner.noAssets')} isEmpty={(p) => p.assets.length === 0}>
        {(p) => (
          <ul className="asset-cards">
            {p.assets.map((a) => (
              <li key={a.id} className="card">
                <Link to={`/catalog/${a.id}`}>
                  <strong>{a.title}</strong>
                </Link>
                <div className="row">
                  <Badge tone={sensitivityTone(a.sensitivity)}>{t(`sensitivity.${a.sensitivity}`)}</Badge>
                  <Badge tone={statusTone(a.status)}>{t(`assetStatus.${a.status}`)}</Badge>
                  <span className="muted">{formatBytes(a.sizeBytes)}</span>
                  <span className="muted">{t('common.credits', { count: a.priceCredits })}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
    </section>
  );
}
