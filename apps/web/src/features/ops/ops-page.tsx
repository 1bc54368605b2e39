import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Loading } from '../../components/async-view.tsx';
import { Badge, statusTone } from '../../components/badge.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formatBytes, formatDate, formatRate } from '../../components/format.ts';
import { api } from '../../api/http.ts';
import { useAsync } from '../../components/use-async.ts';
import { historyPoints, peak, type ChartPoint, type OpsMinute } from './ops-sample.ts';
import { useOpsStream } from './use-ops-stream.ts';

/** Admins and the regulator: health of everything, chain, Kafka and transfer figures, live from the entry's event stream. */
export function OpsPage() {
  const { t, i18n } = useTranslation();
  const { state, latest, points, error } = useOpsStream();
  // the entry keeps the last 24 hours, one point a minute; a failure here leaves the live view alone
  const day = useAsync((signal) => api<{ points: OpsMinute[] }>('/api/ops/history', { signal }).catch(() => null), []);
  const reloadDay = day.reload;
  useEffect(() => {
    const timer = setInterval(reloadDay, 60_000);
    return () => clearInterval(timer);
  }, [reloadDay]);
  const minutes = day.data?.points ?? [];
  return (
    <section aria-labelledby="ops-title">
      <div className="row spread">
        <h1 id="ops-title">{t('ops.title')}</h1>
        <span role="status" data-testid="ops-state">
          <Badge tone={state === 'live' ? 'ok' : 'warn'}>{state === 'live' ? t('ops.live') : state === 'connecting' ? t('ops.connecting') : t('ops.disconnected')}</Badge>
        </span>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      {!latest ? (
        error === null && <Loading />
      ) : (
        <>
          <div className="grid-2">
            <div className="card">
              <h2>{t('ops.services')}</h2>
              <ul className="health-list">
                {latest.services.map((s) => (
                  <li key={s.name} data-testid={`service-${s.name}`}>
                    <span>{s.name}</span>
                    <Badge tone={statusTone(s.status)}>{t(`ops.${s.status}`)}</Badge>
                    <span className="muted small">{s.latencyMs !== null ? t('ops.latency', { ms: s.latencyMs }) : (s.detail ?? '')}</span>
                  </li>
                ))}
              </ul>
            </div>
            <div className="card">
              <h2>{t('ops.components')}</h2>
              <ul className="health-list">
                {latest.components.map((c) => (
                  <li key={c.name}>
                    <span>{c.name}</span>
                    <Badge tone={statusTone(c.status)}>{t(`ops.${c.status}`)}</Badge>
                    <span className="muted small">{c.address}</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
          <div className="figures">
            <Figure label={t('ops.height')} value={latest.chain.height === null ? '—' : String(latest.chain.height)} testId="chain-height" />
            <Figure label={t('ops.txPerSecond')} value={formatRate(latest.chain.txPerSecond)} />
            <Figure label={t('ops.eventsPerSecond')} value={formatRate(latest.kafka.eventsPerSecond)} />
            <Figure label={t('ops.lag')} value={latest.kafka.consumerLag === null ? '—' : String(latest.kafka.consumerLag)} />
            <Figure label={t('ops.outbox')} value={latest.kafka.outboxUnpublished === null ? '—' : String(latest.kafka.outboxUnpublished)} />
            <Figure label={t('ops.upload')} value={`${formatBytes(latest.throughput.uploadBytesPerSecond)}/s`} />
            <Figure label={t('ops.download')} value={`${formatBytes(latest.throughput.downloadBytesPerSecond)}/s`} />
          </div>
          <div className="grid-2">
            <Chart title={t('ops.chain')} points={points} lines={[{ key: 'height', name: t('ops.height'), color: '#0b5cad' }, { key: 'txPerSecond', name: t('ops.txPerSecond'), color: '#d9480f', right: true }]} />
            <Chart title={t('ops.kafka')} points={points} lines={[{ key: 'eventsPerSecond', name: t('ops.eventsPerSecond'), color: '#2b8a3e' }, { key: 'lag', name: t('ops.lag'), color: '#c92a2a', right: true }]} />
            <div className="card">
              <h2>{t('ops.consumerGroups')}</h2>
              <ul className="health-list" data-testid="consumer-groups">
                {latest.kafka.consumerGroups.map((g) => (
                  <li key={g.group}>
                    <span>{g.group}</span>
                    <span className="muted small">{g.service}</span>
                    <Badge tone={g.lag === null ? 'warn' : g.lag === 0 ? 'ok' : 'info'}>{g.lag === null ? '—' : String(g.lag)}</Badge>
                  </li>
                ))}
              </ul>
            </div>
            <div className="card stack">
              <div className="figures">
                <Figure label={t('ops.dayPeakTx')} value={formatRate(peak(minutes, 'txPerSecond'))} testId="day-peak-tx" />
                <Figure label={t('ops.dayPeakEvents')} value={formatRate(peak(minutes, 'eventsPerSecond'))} testId="day-peak-events" />
              </div>
              <Chart title={t('ops.day')} points={historyPoints(minutes)} lines={[{ key: 'txPerSecond', name: t('ops.txPerSecond'), color: '#d9480f' }, { key: 'eventsPerSecond', name: t('ops.eventsPerSecond'), color: '#2b8a3e', right: true }]} />
            </div>
            <Chart title={`${t('ops.throughput')} (MiB/s)`} points={points} lines={[{ key: 'uploadMiBps', name: t('ops.upload'), color: '#5f3dc4' }, { key: 'downloadMiBps', name: t('ops.download'), color: '#e67700' }]} />
            <div className="card">
              <h2>{t('ops.errors')}</h2>
              {latest.errors.length === 0 ? (
                <p className="empty">{t('ops.noErrors')}</p>
              ) : (
                <ul className="error-list">
                  {latest.errors.map((e, i) => (
                    <li key={`${e.at}-${i}`}>
                      <time dateTime={e.at}>{formatDate(e.at, i18n.language)}</time> <strong>{e.source}</strong> {e.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="figure">
      <span className="figure-label">{label}</span>
      <span className="figure-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

function Chart({ title, points, lines }: { title: string; points: ChartPoint[]; lines: { key: keyof ChartPoint; name: string; color: string; right?: boolean }[] }) {
  return (
    <figure className="card chart">
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="time" minTickGap={40} fontSize={11} />
          <YAxis yAxisId="left" fontSize={11} width={48} allowDecimals />
          <YAxis yAxisId="right" orientation="right" fontSize={11} width={40} />
          <Tooltip />
          <Legend />
          {lines.map((l) => (
            <Line key={l.key} yAxisId={l.right ? 'right' : 'left'} type="linear" dataKey={l.key} name={l.name} stroke={l.color} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
