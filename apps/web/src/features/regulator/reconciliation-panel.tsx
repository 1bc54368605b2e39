import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { ReconciliationReport } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';

/**
 * Reconciliation on demand: the audit service compares the chain with the storage records, with
 * what IPFS holds and with the grants, and answers with its findings (also sent as
 * integrity-violation events). It reads every file's bytes, so on a large platform it takes a while.
 */
export function ReconciliationPanel() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<ReconciliationReport | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await api<ReconciliationReport>('/api/audit/audit/reconciliations', { method: 'POST', body: {} }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card" aria-labelledby="reconcile-title" role="region">
      <h2 id="reconcile-title">{t('regulator.reconcile.title')}</h2>
      <p className="muted small">{t('regulator.reconcile.explain')}</p>
      <button type="button" onClick={run} disabled={busy} aria-busy={busy}>
        {busy ? t('regulator.reconcile.running') : t('regulator.reconcile.run')}
      </button>
      {error !== null && <ErrorNotice error={error} />}
      {report && (
        <div role="status">
          <p>{t('regulator.reconcile.summary', { assets: report.assetsChecked, grants: report.grantsChecked, violations: report.violations.length })}</p>
          {report.violations.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('regulator.reconcile.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('regulator.columns.asset')}</th>
                    <th scope="col">{t('regulator.reconcile.kind')}</th>
                    <th scope="col">{t('regulator.reconcile.where')}</th>
                    <th scope="col">{t('regulator.reconcile.expected')}</th>
                    <th scope="col">{t('regulator.reconcile.actual')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.violations.map((v, i) => (
                    <tr key={`${v.assetId}-${v.kind}-${i}`}>
                      <td className="mono">{v.assetId}</td>
                      <td>{v.kind}</td>
                      <td>{v.where}</td>
                      <td className="mono small">{v.expected ?? '—'}</td>
                      <td className="mono small">{v.actual ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
