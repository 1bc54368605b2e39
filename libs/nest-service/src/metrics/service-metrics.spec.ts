import { MessagingMetrics } from '@gridledger/messaging';
import { describe, expect, it } from 'vitest';
import { ServiceMetrics } from './service-metrics.ts';

const consumer = (groupId: string, lag: () => Promise<number>) => {
  const metrics = new MessagingMetrics();
  return { groupId, metrics, lag: async () => ({ groupId, total: await lag(), partitions: [] }) };
};

describe('ServiceMetrics', () => {
  it("exposes Node's default metrics, labelled with the service", async () => {
    const { contentType, text } = await new ServiceMetrics('storage').scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(text).toMatch(/^process_cpu_seconds_total\{service="storage"\} \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="storage"\} \d/m);
  });

  it("reports every observed consumer group's deliveries and lag, asking Kafka for a group's lag at most once in a few seconds", async () => {
    const metrics = new ServiceMetrics('access-policy');
    let asked = 0;
    const answers = consumer('gridledger-access-policy-ledger-answers', async () => {
      asked += 1;
      return 7;
    });
    answers.metrics.consumed = 10;
    answers.metrics.skipped = 4;
    metrics.observeConsumer(answers);
    metrics.observeConsumer(consumer('gridledger-access-policy-read-model', async () => 0));

    const { text } = await metrics.scrape();
    expect(text).toContain('gridledger_messaging_consumed_total{group="gridledger-access-policy-ledger-answers",result="delivered",service="access-policy"} 10');
    expect(text).toContain('gridledger_messaging_consumed_total{group="gridledger-access-policy-ledger-answers",result="skipped",service="access-policy"} 4');
    expect(text).toContain('gridledger_messaging_consumer_lag{group="gridledger-access-policy-ledger-answers",service="access-policy"} 7');
    expect(text).toContain('gridledger_messaging_consumer_lag{group="gridledger-access-policy-read-model",service="access-policy"} 0');
    await metrics.scrape();
    expect(asked).toBe(1);
  });

  it('reads figures at each scrape; one that cannot be read is NaN as a gauge and left out as a counter, and the scrape still answers', async () => {
    const metrics = new ServiceMetrics('ledger');
    let height = 41;
    metrics.observe({ name: 'gridledger_chain_height', help: 'Blocks on the channel', type: 'gauge', read: () => [{ value: (height += 1) }] });
    metrics.observe({ name: 'gridledger_peer_answers', help: 'never readable', type: 'gauge', read: () => Promise.reject(new Error('the peer is down')) });
    metrics.observe({ name: 'gridledger_things_total', help: 'a counter with one unreadable sample', type: 'counter', labelNames: ['kind'], read: () => [{ labels: { kind: 'a' }, value: 3 }, { labels: { kind: 'b' }, value: Number.NaN }] });
    metrics.observeConsumer(consumer('gridledger-ledger-commands', () => Promise.reject(new Error('no broker'))));

    const first = (await metrics.scrape()).text;
    expect(first).toContain('gridledger_chain_height{service="ledger"} 42');
    // prom-client writes NaN as "Nan", which Prometheus reads (it parses NaN in any case)
    expect(first).toMatch(/^gridledger_peer_answers\{service="ledger"\} nan$/im);
    expect(first).toContain('gridledger_things_total{kind="a",service="ledger"} 3');
    expect(first).not.toContain('kind="b"');
    expect(first).toMatch(/^gridledger_messaging_consumer_lag\{group="gridledger-ledger-commands",service="ledger"\} nan$/im);
    expect((await metrics.scrape()).text).toContain('gridledger_chain_height{service="ledger"} 43');
  });
});
