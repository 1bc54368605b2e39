import { connect } from 'node:net';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ENTRY_CONFIG, type EntryConfig, type ProbedComponent } from '../config/entry-config.ts';
import { OpsHistory } from './ops-history.ts';
import type { OpsSample } from './ops-sample.ts';
import { figure, parsePrometheus, samplesOf } from './prometheus.ts';
import { CounterRates } from './rates.ts';
import { RecentErrors } from './recent-errors.ts';
import { ThroughputMeter } from './throughput-meter.ts';

type Listener = (sample: OpsSample) => void;

const PROBE_TIMEOUT_MS = 1500;

/**
 * Reads the platform's health and figures every few seconds, whether or not anyone watches, so
 * that rates are measured while things happen and the last 24 hours are kept (OpsHistory) for
 * whoever opens the ops screen later. Every watcher gets the same reading, so rates agree.
 */
@Injectable()
export class OpsSampler implements OnModuleInit, OnModuleDestroy {
  private readonly listeners = new Set<Listener>();
  private readonly rates: CounterRates;
  private timer: NodeJS.Timeout | null = null;
  private last: OpsSample | null = null;
  private readonly wasDown = new Set<string>();
  readonly history = new OpsHistory();

  constructor(
    @Inject(ENTRY_CONFIG) private readonly config: EntryConfig,
    private readonly meter: ThroughputMeter,
    private readonly errors: RecentErrors,
  ) {
    this.rates = new CounterRates(config.WEB_OPS_INTERVAL_MS * 3);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    return () => this.listeners.delete(listener);
  }

  onModuleInit(): void {
    const tick = () =>
      void this.sample().then((s) => {
        this.history.record(Date.parse(s.at), { txPerSecond: s.chain.txPerSecond, eventsPerSecond: s.kafka.eventsPerSecond, uploadBytesPerSecond: s.throughput.uploadBytesPerSecond, downloadBytesPerSecond: s.throughput.downloadBytesPerSecond });
        this.listeners.forEach((l) => l(s));
      });
    tick();
    this.timer = setInterval(tick, this.config.WEB_OPS_INTERVAL_MS);
    // the sampler must not keep a closing process alive
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sample(): Promise<OpsSample> {
    const c = this.config;
    const services = [
      ['identity', c.WEB_IDENTITY_URL],
      ['ledger', c.WEB_LEDGER_URL],
      ['storage', c.WEB_STORAGE_URL],
      ['access-policy', c.WEB_ACCESS_POLICY_URL],
      ['audit', c.WEB_AUDIT_URL],
    ] as const;
    const [health, components, scraped] = await Promise.all([
      Promise.all(services.map(([name, url]) => probeHealth(name, url))),
      Promise.all(c.WEB_COMPONENTS.map(probeTcp)),
      // every service's /metrics: each reports its own consumer groups
      Promise.all(services.map(([, url]) => fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then((r) => (r.ok ? r.text() : '')).catch(() => ''))),
    ]);
    const metrics = scraped.flatMap(parsePrometheus);
    const consumerGroups = samplesOf(metrics, 'gridledger_messaging_consumer_lag').map((s) => ({ service: s.labels['service'] ?? '', group: s.labels['group'] ?? '', lag: Number.isNaN(s.value) ? null : s.value }));
    const knownLags = consumerGroups.flatMap((g) => (g.lag === null ? [] : [g.lag]));
    const auditHealth = (health.find((h) => h.name === 'audit')?.json as { details?: { consumer?: { consumed?: number; deadLettered?: number } } } | undefined)?.details;
    const now = Date.now();
    const rates = this.rates.next(now, {
      height: figure(metrics, 'gridledger_chain_height'),
      committed: figure(metrics, 'gridledger_ledger_commands_total', { outcome: 'committed' }),
      failed: figure(metrics, 'gridledger_ledger_commands_total', { outcome: 'failed' }),
      events: auditHealth?.consumer?.consumed ?? null,
      upload: this.meter.totals.upload,
      download: this.meter.totals.download,
    });
    for (const h of health) this.noteTransition(h.name, h.status === 'up', h.detail);
    for (const comp of components) this.noteTransition(comp.name, comp.status === 'up', `${comp.address} does not accept connections`);
    this.last = {
      at: new Date(now).toISOString(),
      services: health.map(({ json: _json, ...rest }) => rest),
      components,
      chain: {
        height: figure(metrics, 'gridledger_chain_height'),
        blocksPerSecond: rates['height'] ?? null,
        txPerSecond: rates['committed'] ?? null,
        failedTxPerSecond: rates['failed'] ?? null,
        relayCheckpoint: figure(metrics, 'gridledger_chain_relay_checkpoint_block'),
      },
      kafka: {
        consumerLag: knownLags.length === 0 ? null : knownLags.reduce((sum, lag) => sum + lag, 0),
        consumerGroups,
        outboxUnpublished: figure(metrics, 'gridledger_outbox_unpublished'),
        eventsPerSecond: rates['events'] ?? null,
        deadLettered: auditHealth?.consumer?.deadLettered ?? null,
      },
      throughput: { uploadBytesPerSecond: rates['upload'] ?? null, downloadBytesPerSecond: rates['download'] ?? null, uploadsActive: this.meter.active.upload, downloadsActive: this.meter.active.download },
      errors: this.errors.list().slice(0, 20),
    };
    return this.last;
  }

  /** A service or component going down is a recent error; coming back is not news. */
  private noteTransition(name: string, up: boolean, detail: string | null): void {
    if (up) this.wasDown.delete(name);
    else if (!this.wasDown.has(name)) {
      this.wasDown.add(name);
      this.errors.record(name, `${name} is down${detail ? `: ${detail}` : ''}`);
    }
  }
}

async function probeHealth(name: string, url: string) {
  const started = performance.now();
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const json = (await response.json().catch(() => null)) as unknown;
    const latencyMs = Math.round(performance.now() - started);
    return { name, status: response.ok ? ('up' as const) : ('down' as const), latencyMs, detail: response.ok ? null : `health answered ${response.status}`, json };
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { name, status: 'down' as const, latencyMs: null, detail: reason === 'ECONNREFUSED' ? 'not running' : reason === 'TimeoutError' ? 'no answer within 1.5 s' : reason, json: null };
  }
}

function probeTcp(component: ProbedComponent): Promise<OpsSample['components'][number]> {
  const address = `${component.host}:${component.port}`;
  return new Promise((resolve) => {
    const socket = connect({ host: component.host, port: component.port });
    const finish = (up: boolean) => {
      socket.destroy();
      resolve({ name: component.name, address, status: up ? 'up' : 'down' });
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
