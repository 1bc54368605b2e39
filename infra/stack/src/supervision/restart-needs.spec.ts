import { describe, expect, it } from 'vitest';
import { unmetNeeds } from './restart-needs.ts';

const health = (states: Record<string, boolean>) => (name: string) => (name in states ? Promise.resolve(states[name] === true) : undefined);

describe('unmetNeeds', () => {
  const service = { needs: [['postgres'], ['kafka-1', 'kafka-2', 'kafka-3']] };

  it('is empty when one member of every group is healthy', async () => {
    expect(await unmetNeeds(service, health({ postgres: true, 'kafka-1': false, 'kafka-2': true, 'kafka-3': false }))).toEqual([]);
  });

  it('names each group with no healthy member', async () => {
    expect(await unmetNeeds(service, health({ postgres: false, 'kafka-1': false, 'kafka-2': false, 'kafka-3': false }))).toEqual([['postgres'], ['kafka-1', 'kafka-2', 'kafka-3']]);
    expect(await unmetNeeds(service, health({ postgres: false, 'kafka-1': true, 'kafka-2': false, 'kafka-3': false }))).toEqual([['postgres']]);
  });

  it('ignores groups naming nothing the stack runs, and components that need nothing', async () => {
    expect(await unmetNeeds({ needs: [['postgres'], ['elsewhere']] }, health({ postgres: true }))).toEqual([]);
    expect(await unmetNeeds({}, health({}))).toEqual([]);
  });
});
