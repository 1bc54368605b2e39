import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { Inbox, RequestView } from '../../api/types.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { ReasonAction } from '../../components/reason-action.tsx';
import { useAsync } from '../../components/use-async.ts';
import { RequestTable } from '../owner/request-table.tsx';
import { AuditSearch } from './audit-search.tsx';
import { FreezePanel, UserFreezePanel } from './freeze-panel.tsx';
import { NotePanel } from './note-panel.tsx';
import { ReconciliationPanel } from './reconciliation-panel.tsx';
import { ViolationsPanel } from './violations-panel.tsx';

/** Regulator: approve sensitive and critical shares, freeze what must stop, search and export the audit log, watch integrity. */
export function RegulatorPage() {
  const { t } = useTranslation();
  const inbox = useAsync((signal) => api<Inbox>('/api/access/inbox', { signal }), []);
  const decide = (r: RequestView, decision: 'approve' | 'reject') => (reason: string) => api(`/api/access/requests/${r.id}/${decision}`, { method: 'POST', body: { reason } });
  return (
    <section aria-labelledby="regulator-title">
      <h1 id="regulator-title">{t('regulator.title')}</h1>
      <h2>{t('regulator.pending')}</h2>
      <AsyncView state={inbox} empty={t('regulator.noPending')} isEmpty={(i) => i.regulatorPending.length === 0}>
        {(i) => (
          <RequestTable
            requests={i.regulatorPending}
            label={t('regulator.pending')}
            show="consumer"
            actions={(r) => (
              <div className="row">
                <ReasonAction label={t('owner.approve')} onSubmit={decide(r, 'approve')} onDone={inbox.reload} />
                <ReasonAction label={t('owner.reject')} tone="danger" onSubmit={decide(r, 'reject')} onDone={inbox.reload} />
              </div>
            )}
          />
        )}
      </AsyncView>
      <div className="grid-2">
        <FreezePanel target="assets" />
        <UserFreezePanel />
      </div>
      <NotePanel />
      <AuditSearch title={t('regulator.audit')} />
      <ViolationsPanel />
      <ReconciliationPanel />
    </section>
  );
}
