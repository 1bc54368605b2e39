import type { ConsumerLag, MessagingMetrics } from '@gridledger/messaging';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

/** A figure read when Prometheus scrapes: one sample, or one per label set. */
export interface ObservedFigure {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labelNames?: readonly string[];
  read: () => Sample[] | Promise<Sample[]>;
}

/** What the service knows about one of its Kafka consumers (an IdempotentConsumer is one). */
export interface ObservedConsumer {
  readonly groupId: string;
  readonly metrics: MessagingMetrics;
  lag(): Promise<ConsumerLag>;
}

/** Asking Kafka for a group's offsets costs an admin connection: a scrape within this long of the last reuses its answer. */
const LAG_MEMO_MS = 5_000;

/**
 * The service's own Prometheus registry: Node's default metrics (CPU, memory, event-loop delay,
 * GC), labelled with the service's name, and the figures the service observes, each read when
 * scraped. A figure that cannot be read (a broker or peer down) is NaN for a gauge and left out
 * for a counter, never a failed scrape.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly consumers: ObservedConsumer[] = [];

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.observe({
      name: 'gridledger_messaging_consumed_total',
      help: 'Deliveries taken from Kafka by each consumer group of this service, by result',
      type: 'counter',
      labelNames: ['group', 'result'],
      read: () =>
        this.consumers.flatMap(({ groupId, metrics }) =>
          Object.entries({ delivered: metrics.consumed, applied: metrics.applied, duplicate: metrics.duplicates, skipped: metrics.skipped, retried: metrics.retried, dead_lettered: metrics.deadLettered }).map(([result, value]) => ({ labels: { group: groupId, result }, value })),
        ),
    });
    const lags = new Map<string, { at: number; total: Promise<number> }>();
    this.observe({
      name: 'gridledger_messaging_consumer_lag',
      help: 'Records waiting in Kafka for each consumer group of this service',
      type: 'gauge',
      labelNames: ['group'],
      read: () =>
        Promise.all(
          this.consumers.map(async (consumer) => {
            let memo = lags.get(consumer.groupId);
            if (!memo || Date.now() - memo.at > LAG_MEMO_MS) lags.set(consumer.groupId, (memo = { at: Date.now(), total: consumer.lag().then((lag) => lag.total, () => Number.NaN) }));
            return { labels: { group: consumer.groupId }, value: await memo.total };
          }),
        ),
    });
  }

  /** Reports a consumer's deliveries and its group's lag. */
  observeConsumer(consumer: ObservedConsumer): void {
    this.consumers.push(consumer);
  }

  observe(figure: ObservedFigure): void {
    const read = async (): Promise<Sample[]> => {
      try {
        return await figure.read();
      } catch {
        return figure.type === 'gauge' && (figure.labelNames ?? []).length === 0 ? [{ value: Number.NaN }] : [];
      }
    };
    const config = { name: figure.name, help: figure.help, labelNames: [...(figure.labelNames ?? [])], registers: [this.registry] };
    if (figure.type === 'gauge') {
      new Gauge({
        ...config,
        async collect() {
          const samples = await read();
          this.reset();
          for (const { labels, value } of samples) this.set(labels ?? {}, value);
        },
      });
      return;
    }
    new Counter({
      ...config,
      async collect() {
        const samples = await read();
        this.reset();
        // a counter cannot hold NaN: a figure that cannot be read is left out of this scrape
        for (const { labels, value } of samples) if (Number.isFinite(value)) this.inc(labels ?? {}, value);
      },
    });
  }

  /** The exposition text and its content type, for the /metrics endpoint. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
