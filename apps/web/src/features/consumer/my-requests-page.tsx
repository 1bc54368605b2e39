import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { Account, Inbox } from '../../api/types.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { Badge } from '../../components/badge.tsx';
import { useAsync } from '../../components/use-async.ts';
import { RequestTable } from '../owner/request-table.tsx';
import { GrantActions } from './grant-actions.tsx';

/** Consumer: my balance and escrow, the requests I made, and the grants I can download. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  const account = useAsync((signal) => api<Account>('/api/access/accounts/me', { signal }), []);
  const inbox = useAsync((signal) => api<Inbox>('/api/access/inbox', { signal }), []);
  return (
    <section aria-labelledby="consumer-title">
      <h1 id="consumer-title">{t('consumer.title')}</h1>
      <AsyncView state={account}>
        {(a) => (
          <div className="figures">
            <div className="figure">
              <span className="figure-label">{t('consumer.balance')}</span>
              <span className="figure-value" data-testid="balance">{a.balance}</span>
            </div>
            <div className="figure">
              <span className="figure-label">{t('consumer.escrow')}</span>
              <span className="figure-value" data-testid="escrow">{a.escrowed}</span>
            </div>
          </div>
        )}
      </AsyncView>
      <h2>{t('consumer.grants')}</h2>
      <AsyncView state={inbox} empty={t('consumer.noGrants')} isEmpty={(i) => i.myGrants.length === 0}>
        {(i) => (
          <RequestTable
            requests={i.myGrants}
            label={t('consumer.grants')}
            show="owner"
            actions={(r) =>
              r.status === 'granted' ? (
                <div className="stack">
                  <Badge tone={r.keyRelease.status === 'failed' ? 'bad' : 'info'}>{t(`request.keyRelease.${r.keyRelease.status}`)}</Badge>
                  <GrantActions request={r} />
                </div>
              ) : null
            }
          />
        )}
      </AsyncView>
      <h2>{t('consumer.requests')}</h2>
      <AsyncView state={inbox} empty={t('consumer.noRequests')} isEmpty={(i) => i.myRequests.length === 0}>
        {(i) => <RequestTable requests={i.myRequests} label={t('consumer.requests')} show="owner" />}
      </AsyncView>
    </section>
  );
}
