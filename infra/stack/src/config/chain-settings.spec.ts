import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAIN_SETTINGS, resolveChainSettings } from './chain-settings.ts';

describe('chain settings', () => {
  it('are the measured defaults unless the environment says otherwise', () => {
    expect(resolveChainSettings({})).toEqual(DEFAULT_CHAIN_SETTINGS);
    expect(resolveChainSettings({ GRIDLEDGER_BATCH_TIMEOUT: '1s', GRIDLEDGER_BATCH_MAX_MESSAGES: '500', GRIDLEDGER_GATEWAY_CONCURRENCY: '800' })).toEqual({ batchTimeout: '1s', maxMessageCount: 500, gatewayConcurrency: 800 });
  });

  it('refuse a value the orderer or the peer would not take, naming the variable', () => {
    expect(() => resolveChainSettings({ GRIDLEDGER_BATCH_TIMEOUT: 'soon' })).toThrow(/GRIDLEDGER_BATCH_TIMEOUT must be a duration/);
    expect(() => resolveChainSettings({ GRIDLEDGER_BATCH_MAX_MESSAGES: '0' })).toThrow(/GRIDLEDGER_BATCH_MAX_MESSAGES must be a positive whole number/);
    expect(() => resolveChainSettings({ GRIDLEDGER_GATEWAY_CONCURRENCY: '2.5' })).toThrow(/GRIDLEDGER_GATEWAY_CONCURRENCY/);
  });
});
