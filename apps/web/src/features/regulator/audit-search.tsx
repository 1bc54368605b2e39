import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/http.ts';
import type { AuditEntry, AuditPage } from '../../api/types.ts';
import { Loading } from '../../components/async-view.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formatDate, shortId } from '../../components/format.ts';
import { downloadExport, type ExportFormat } from './audit-export.ts';

interface Filters {
  assetId: string;
  userId: string;
  org: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { assetId: '', userId: '', org: '', action: '', from: '', to: '' };
const PAGE = 50;

// datetime-local has no zone; the audit service takes ISO 8601 with one
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Search the audit log page by page, and export every event the same search matches, as CSV or JSON Lines. */
export function AuditSearch({ fixed, title }: { fixed?: Partial<Filters>; title: string }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ ...EMPTY, ...fixed });
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const params = (f: Filters) => ({ assetId: f.assetId.trim(), userId: f.userId.trim(), org: f.org.trim(), action: f.action.trim(), from: instant(f.from), to: instant(f.to) });

  const search = async (after: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await api<AuditPage>(`/api/audit/audit/events${query({ ...params(filters), limit: PAGE, after })}`);
      setEntries((old) => (after && old ? [...old, ...page.entries] : page.entries));
      setNext(page.next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const exportAs = async (format: ExportFormat) => {
    setError(null);
    try {
      await downloadExport(params(filters), format);
    } catch (e) {
      setError(e);
    }
  };

  const field = (key: keyof Filters, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{t(`regulator.filters.${key}`)}</label>
      <input id={`audit-${key}`} type={type} value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })} placeholder={key === 'action' ? 'chain.access-granted' : undefined} />
    </div>
  );

  return (
    <div className="card stack">
      <h2>{title}</h2>
      <form className="filters" onSubmit={(e: FormEvent) => (e.preventDefault(), void search(null))} aria-label={title}>
        {!fixed?.action && field('action')}
        {field('assetId')}
        {field('userId')}
        {field('org')}
        {field('from', 'datetime-local')}
        {field('to', 'datetime-local')}
        <div className="row end">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('regulator.search')}
          </button>
          <button type="button" className="button-secondary" onClick={() => void exportAs('csv')}>
            {t('regulator.export')}
          </button>
          <button type="button" className="button-secondary" onClick={() => void exportAs('jsonl')}>
            {t('regulator.exportJsonl')}
          </button>
        </div>
      </form>
      <p className="muted">{t('regulator.exportNote')}</p>
      {error !== null && <ErrorNotice error={error} />}
      {busy && !entries && <Loading />}
      {entries && entries.length === 0 && <p className="empty">{t('regulator.noEvents')}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('regulator.columns.time')}</th>
                <th scope="col">{t('regulator.columns.action')}</th>
                <th scope="col">{t('regulator.columns.actor')}</th>
                <th scope="col">{t('regulator.columns.org')}</th>
                <th scope="col">{t('regulator.columns.asset')}</th>
                <th scope="col">{t('regulator.columns.tx')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.eventId}>
                  <td>{formatDate(e.occurredAt, i18n.language)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td title={e.actorUid ?? ''}>
                    {shortId(e.actorUid)} {e.actorRole && <span className="muted">({e.actorRole})</span>}
                  </td>
                  <td>{e.actorMsp ?? '—'}</td>
                  <td title={e.assetId ?? ''}>{shortId(e.assetId)}</td>
                  <td title={e.txId ?? ''}>
                    <code>{shortId(e.txId, 10)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void search(next)}>
          {t('regulator.more')}
        </button>
      )}
    </div>
  );
}
