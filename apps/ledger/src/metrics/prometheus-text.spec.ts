import { describe, expect, it } from 'vitest';
import { prometheusText } from './prometheus-text.ts';

describe('prometheusText', () => {
  it('renders help, type and labelled samples in the exposition format', () => {
    const text = prometheusText([
      { name: 'gridledger_ledger_commands_total', help: 'Commands answered', type: 'counter', samples: [{ labels: { outcome: 'committed' }, value: 3 }, { labels: { outcome: 'failed' }, value: 1 }] },
      { name: 'gridledger_ledger_chain_height', help: 'Blocks', type: 'gauge', samples: [{ value: 42 }] },
    ]);
    expect(text).toBe([
      '# HELP gridledger_ledger_commands_total Commands answered',
      '# TYPE gridledger_ledger_commands_total counter',
      'gridledger_ledger_commands_total{outcome="committed"} 3',
      'gridledger_ledger_commands_total{outcome="failed"} 1',
      '# HELP gridledger_ledger_chain_height Blocks',
      '# TYPE gridledger_ledger_chain_height gauge',
      'gridledger_ledger_chain_height 42',
      '',
    ].join('\n'));
  });

  it('escapes label values and renders a missing figure as NaN', () => {
    const text = prometheusText([{ name: 'm', help: 'h', type: 'gauge', samples: [{ labels: { topic: 'a"b\\c\nd' }, value: Number.NaN }] }]);
    expect(text).toContain('m{topic="a\\"b\\\\c\\nd"} NaN');
  });
});
