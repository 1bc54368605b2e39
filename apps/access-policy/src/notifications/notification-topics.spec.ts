import { AUDIT_TOPICS, CHAIN_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { READ_MODEL_TOPICS } from '../read-model/read-model.consumer.ts';
import { NOTIFICATION_ONLY_TOPICS } from './notifications.consumer.ts';
import { NOTIFYING_TOPICS } from './recipients.ts';

describe('which consumer notifies of which topic', () => {
  it('gives every notifying topic exactly one handler: the read model, or the notifications group for what the read model does not read', () => {
    // two handlers of one topic in a service stop it at boot
    expect(NOTIFICATION_ONLY_TOPICS.filter((topic) => (READ_MODEL_TOPICS as string[]).includes(topic))).toEqual([]);
    const covered = [...NOTIFICATION_ONLY_TOPICS, ...READ_MODEL_TOPICS.filter((topic) => (NOTIFYING_TOPICS as string[]).includes(topic))];
    expect([...covered].sort()).toEqual([...NOTIFYING_TOPICS].sort());
    expect([...NOTIFICATION_ONLY_TOPICS].sort()).toEqual([CHAIN_TOPICS.UserFrozen, STORAGE_TOPICS.integrityViolation, AUDIT_TOPICS.integrityViolation].sort());
  });
});
