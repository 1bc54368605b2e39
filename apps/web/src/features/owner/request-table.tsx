import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestView } from '../../api/types.ts';
import { Badge, sensitivityTone, statusTone } from '../../components/badge.tsx';
import { formatDate, formatDuration, shortId } from '../../components/format.ts';

/** Sharing requests as a table, with whatever the viewer may do to each in the last column. */
export function RequestTable({ requests, label, show, actions }: { requests: readonly RequestView[]; label: string; show: 'consumer' | 'owner'; actions?: (request: RequestView) => ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('request.asset')}</th>
            <th scope="col">{show === 'consumer' ? t('request.consumer') : t('request.owner')}</th>
            <th scope="col">{t('request.purpose')}</th>
            <th scope="col">{t('request.duration')}</th>
            <th scope="col" className="num">{t('request.price')}</th>
            <th scope="col">{t('request.status')}</th>
            <th scope="col">{t('request.created')}</th>
            {actions && <th scope="col">{t('request.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => {
            const party = show === 'consumer' ? r.consumer : r.owner;
            const lastDecision = r.decisions[r.decisions.length - 1];
            return (
              <tr key={r.id} data-request-id={r.id}>
                <td>
                  <Link to={`/catalog/${r.assetId}`}>{r.assetTitle ?? shortId(r.assetId)}</Link> {r.sensitivity && <Badge tone={sensitivityTone(r.sensitivity)}>{t(`sensitivity.${r.sensitivity}`)}</Badge>}
                </td>
                <td title={party.uid}>
                  {party.mspId} · {shortId(party.uid)}
                </td>
                <td>{r.purpose}</td>
                <td>{formatDuration(r.durationSeconds, t)}</td>
                <td className="num">{r.priceCredits}</td>
                <td>
                  <Badge tone={statusTone(r.status)}>{t(`request.statuses.${r.status}`)}</Badge>
                  {r.grant && (
                    <div className="muted small">
                      {t('request.expires')} {formatDate(r.grant.expiresAt, i18n.language)} · {t('request.downloadsLeft', { left: r.grant.remainingDownloads ?? '?', max: r.grant.maxDownloads ?? '?' })}
                    </div>
                  )}
                  {r.subscription && (
                    <div className="small" data-testid="subscription-progress">
                      {t('request.subscription', { delivered: r.subscription.versionsDelivered, paid: r.subscription.versionsPaid, installment: r.subscription.installmentCredits })}
                    </div>
                  )}
                  {r.deliveredBy && <div className="muted small">{t('request.deliveredBy')}</div>}
                  {lastDecision?.reason && <div className="muted small">“{lastDecision.reason}”</div>}
                </td>
                <td>{formatDate(r.createdAt, i18n.language)}</td>
                {actions && <td className="actions">{actions(r)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
