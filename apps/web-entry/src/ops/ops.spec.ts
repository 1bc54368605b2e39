import { describe, expect, it } from 'vitest';
import { figure, parsePrometheus, samplesOf } from './prometheus.ts';
import { CounterRates } from './rates.ts';

describe('parsePrometheus', () => {
  it("reads prom-client's exposition: samples with and without labels, escaped label values, and NaN in any case as unknown", () => {
    const samples = parsePrometheus(
      [
        '# HELP x y',
        'gridledger_chain_height{service="ledger"} 128',
        'gridledger_ledger_commands_total{outcome="committed",service="ledger"} 7',
        'gridledger_messaging_consumer_lag{group="gridledger-audit",service="audit"} Nan',
        'gridledger_messaging_consumer_lag{group="a \\"quoted\\" group",service="storage"} 3',
        'up 1',
        '',
      ].join('\n'),
    );
    expect(figure(samples, 'gridledger_chain_height')).toBe(128);
    expect(figure(samples, 'gridledger_ledger_commands_total', { outcome: 'committed' })).toBe(7);
    expect(figure(samples, 'gridledger_ledger_commands_total', { outcome: 'failed' })).toBeNull();
    expect(figure(samples, 'gridledger_messaging_consumer_lag', { service: 'audit' })).toBeNull();
    expect(samplesOf(samples, 'gridledger_messaging_consumer_lag').map((s) => s.labels['group'])).toEqual(['gridledger-audit', 'a "quoted" group']);
    expect(figure(samples, 'up')).toBe(1);
    expect(figure(samples, 'absent')).toBeNull();
  });
});

describe('CounterRates', () => {
  it('turns counter growth into a per-second rate and a restart into zero', () => {
    const rates = new CounterRates();
    expect(rates.next(1000, { tx: 10 })).toEqual({ tx: 0 });
    expect(rates.next(3000, { tx: 30 })).toEqual({ tx: 10 });
    expect(rates.next(4000, { tx: 2 })).toEqual({ tx: 0 });
    expect(rates.next(5000, { tx: null })).toEqual({ tx: null });
  });

  it('starts over after a gap longer than it may average over', () => {
    const rates = new CounterRates(5000);
    rates.next(1000, { tx: 10 });
    expect(rates.next(60_000, { tx: 500 })).toEqual({ tx: 0 });
    expect(rates.next(62_000, { tx: 510 })).toEqual({ tx: 5 });
  });
});
