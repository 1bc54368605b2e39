import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/http.ts';
import type { IntegrityViolation, ViolationPage, ViolationState } from '../../api/types.ts';
import { Loading } from '../../components/async-view.tsx';
import { Badge } from '../../components/badge.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formatDate, shortId } from '../../components/format.ts';
import { ReasonAction } from '../../components/reason-action.tsx';

const PAGE = 50;
const STATES: ViolationState[] = ['open', 'acknowledged', 'resolved'];
const TONE = { open: 'bad', acknowledged: 'warn', resolved: 'ok' } as const;

/**
 * Every integrity violation, whether storage reported it while serving bytes or reconciliation
 * found it comparing copies, once per asset and kind, with its state. The regulator acknowledges
 * and resolves each with a note; a resolved one found again comes back open.
 */
export function ViolationsPanel() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<ViolationState | ''>('open');
  const [items, setItems] = useState<IntegrityViolation[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const load = async (after: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await api<ViolationPage>(`/api/audit/audit/violations${query({ state, limit: PAGE, after })}`);
      setItems((old) => (after && old ? [...old, ...page.items] : page.items));
      setNext(page.next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load(null);
    // a new filter, or a decision just taken, starts again from the first page
  }, [state, generation]);

  const decide = (v: IntegrityViolation, action: 'acknowledge' | 'resolve') => (note: string) => api(`/api/audit/audit/violations/${v.id}/${action}`, { method: 'POST', body: { note } });
  const reload = () => setGeneration((g) => g + 1);

  return (
    <div className="card stack" role="region" aria-labelledby="violations-title">
      <h2 id="violations-title">{t('regulator.violations')}</h2>
      <p className="muted small">{t('regulator.violation.explain')}</p>
      <div className="field">
        <label htmlFor="violation-state">{t('regulator.violation.state')}</label>
        <select id="violation-state" value={state} onChange={(e) => setState(e.target.value as ViolationState | '')}>
          <option value="">{t('regulator.violation.all')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`regulator.violation.states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {error !== null && <ErrorNotice error={error} onRetry={reload} />}
      {busy && !items && <Loading />}
      {items && items.length === 0 && <p className="empty">{state ? t('regulator.violation.noneInState', { state: t(`regulator.violation.states.${state}`) }) : t('regulator.noViolations')}</p>}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('regulator.violations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('regulator.violation.firstSeen')}</th>
                <th scope="col">{t('regulator.columns.asset')}</th>
                <th scope="col">{t('regulator.reconcile.kind')}</th>
                <th scope="col">{t('regulator.violation.source')}</th>
                <th scope="col">{t('regulator.reconcile.expected')}</th>
                <th scope="col">{t('regulator.reconcile.actual')}</th>
                <th scope="col">{t('regulator.violation.seen')}</th>
                <th scope="col">{t('regulator.violation.state')}</th>
                <th scope="col">{t('regulator.violation.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.id}>
                  <td>{formatDate(v.firstSeenAt, i18n.language)}</td>
                  <td title={v.assetId}>{shortId(v.assetId)}</td>
                  <td>
                    <code>{v.kind}</code>
                  </td>
                  <td>
                    {v.sources.map((s) => t(`regulator.violation.sources.${s}`)).join(', ')} <span className="muted">({v.where})</span>
                  </td>
                  <td className="mono small">{v.expected ?? '—'}</td>
                  <td className="mono small">{v.actual ?? '—'}</td>
                  <td>{t('regulator.violation.times', { count: v.occurrences, last: formatDate(v.lastSeenAt, i18n.language) })}</td>
                  <td>
                    <Badge tone={TONE[v.state]}>{t(`regulator.violation.states.${v.state}`)}</Badge>
                    {v.reopenedAt && <div className="muted small">{t('regulator.violation.reopened', { at: formatDate(v.reopenedAt, i18n.language) })}</div>}
                    {v.acknowledged && <div className="small">{t('regulator.violation.acknowledgedBy', { by: shortId(v.acknowledged.by), at: formatDate(v.acknowledged.at, i18n.language), note: v.acknowledged.note })}</div>}
                    {v.resolved && <div className="small">{t('regulator.violation.resolvedBy', { by: shortId(v.resolved.by), at: formatDate(v.resolved.at, i18n.language), note: v.resolved.note })}</div>}
                  </td>
                  <td>
                    <div className="row">
                      {v.state === 'open' && <ReasonAction label={t('regulator.violation.acknowledge')} onSubmit={decide(v, 'acknowledge')} onDone={reload} requiredHint={t('regulator.violation.noteRequired')} />}
                      {v.state !== 'resolved' && <ReasonAction label={t('regulator.violation.resolve')} onSubmit={decide(v, 'resolve')} onDone={reload} requiredHint={t('regulator.violation.noteRequired')} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void load(next)}>
          {t('regulator.more')}
        </button>
      )}
    </div>
  );
}
