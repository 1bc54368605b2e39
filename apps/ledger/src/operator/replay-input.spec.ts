import { describe, expect, it } from 'vitest';
import { parseReplayRequest } from './replay-input.ts';

describe('parseReplayRequest', () => {
  it('takes block numbers as decimal strings or integers', () => {
    expect(parseReplayRequest({ fromBlock: '12', toBlock: 15, topic: 'ops.replay-1' })).toEqual({ fromBlock: 12n, toBlock: 15n, topic: 'ops.replay-1' });
    expect(parseReplayRequest({ fromBlock: 0, topic: 'ops.replay' }).toBlock).toBeUndefined();
  });

  it('refuses a public topic, a reversed range and a bad block, naming the field', () => {
    expect(() => parseReplayRequest({ fromBlock: 1, topic: 'gridledger.chain.ping-recorded.v1' })).toThrow(/topic: replay into a topic of your own/);
    expect(() => parseReplayRequest({ fromBlock: 5, toBlock: 4, topic: 'ops.replay' })).toThrow(/toBlock must not be before fromBlock/);
    expect(() => parseReplayRequest({ fromBlock: -1, topic: 'ops.replay' })).toThrow(/fromBlock/);
    expect(() => parseReplayRequest({ fromBlock: 1, topic: 'has space' })).toThrow(/topic/);
  });
});
