import { ALL_TOPICS, IDENTITY_TOPICS, LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { outsideReaderAcls, PUBLIC_TOPICS, serviceAcls, type AclGrant } from './kafka-access.ts';

const may = (grants: AclGrant[], operation: AclGrant['operations'][number], topic: string) =>
  grants.some((g) => g.resource === 'topic' && g.operations.includes(operation) && (g.pattern === 'literal' ? g.name === topic : topic.startsWith(g.name)));

describe('the Kafka access table', () => {
  it('lets only storage and access-policy write the command topic', () => {
    const writers = (['identity', 'ledger', 'storage', 'access-policy', 'audit'] as const).filter((s) => may(serviceAcls(s), 'WRITE', LEDGER_TOPICS.submitRequested));
    expect(writers).toEqual(['storage', 'access-policy']);
  });

  it('lets only the ledger write answers and chain events', () => {
    for (const service of ['identity', 'storage', 'access-policy', 'audit'] as const) {
      expect(may(serviceAcls(service), 'WRITE', LEDGER_TOPICS.txCommitted), service).toBe(false);
      expect(may(serviceAcls(service), 'WRITE', 'gridledger.chain.asset-registered.v1'), service).toBe(false);
    }
    expect(may(serviceAcls('ledger'), 'WRITE', LEDGER_TOPICS.txFailed)).toBe(true);
  });

  it('lets each consumer dead-letter what it reads, and only that', () => {
    expect(may(serviceAcls('storage'), 'WRITE', `${LEDGER_TOPICS.txCommitted}.dlq`)).toBe(true);
    expect(may(serviceAcls('storage'), 'WRITE', `${LEDGER_TOPICS.submitRequested}.dlq`)).toBe(false);
    for (const topic of ALL_TOPICS) expect(may(serviceAcls('audit'), 'READ', topic), topic).toBe(true);
  });

  it('shows outside readers every public topic but the command, answer, signature-log and dead-letter topics', () => {
    expect(PUBLIC_TOPICS).not.toContain(LEDGER_TOPICS.submitRequested);
    expect(PUBLIC_TOPICS).not.toContain(LEDGER_TOPICS.txCommitted);
    expect(PUBLIC_TOPICS).not.toContain(IDENTITY_TOPICS.signatureLogged);
    expect(PUBLIC_TOPICS.length).toBe(ALL_TOPICS.length - Object.keys(LEDGER_TOPICS).length - 1);
    const { topics, acls } = outsideReaderAcls('acme', 'gridledger.storage.*');
    expect(topics).toEqual(Object.values(STORAGE_TOPICS).sort());
    expect(acls.flatMap((a) => a.operations)).not.toContain('WRITE');
    expect(acls.find((a) => a.resource === 'group')).toMatchObject({ pattern: 'prefixed', name: 'acme.' });
  });

  it("lets every service follow the identity service's suspensions", () => {
    for (const service of ['identity', 'ledger', 'storage', 'access-policy', 'audit'] as const) {
      expect(may(serviceAcls(service), 'READ', IDENTITY_TOPICS.userSuspended), service).toBe(true);
      expect(may(serviceAcls(service), 'READ', IDENTITY_TOPICS.userReactivated), service).toBe(true);
    }
  });

  it('never widens a pattern past the public topics', () => {
    expect(outsideReaderAcls('acme', 'gridledger.ledger.*').topics).toEqual([]);
    expect(outsideReaderAcls('acme', '*').topics).toEqual(PUBLIC_TOPICS);
  });
});
