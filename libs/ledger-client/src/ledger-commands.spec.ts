import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateServiceKeyPair, ServiceCredential, ServiceKeyRegistry, verifyAttestation } from '@gridledger/service-auth';
import { submitCalls } from '@gridledger/chaincode-api';
import { cloudEvent } from '@gridledger/contracts';
import { enqueueLedgerCommand, InvalidLedgerCommandError, isAnswerFor, type LedgerAnswer } from './ledger-commands.ts';

const keys = generateServiceKeyPair();
const signing = { credential: ServiceCredential.fromPem('access-policy', keys.privateKeyPem) };
const registry = ServiceKeyRegistry.fromJwks({ 'access-policy': keys.publicJwk });

/** Records the statements instead of running them: what matters here is what is written, and what is not. */
const recordingDb = () => {
  const statements: { sql: string; values: unknown[] }[] = [];
  const db = { query: async (sql: string, values: unknown[]) => void statements.push({ sql, values }) } as unknown as pg.ClientBase;
  return { db, statements };
};

const requested = { requestId: 'r-1', assetId: 'asset-1', purpose: 'billing', durationSeconds: 3600 };
const request = { source: '/gridledger/test', subject: 'asset-1', requestedBy: 'test', call: submitCalls.requestAccess(requested) };

describe('enqueueLedgerCommand', () => {
  it('writes the command record and its outbox event, keyed by the subject, with its attestation', async () => {
    const { db, statements } = recordingDb();
    const userId = '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11';
    const commandId = await enqueueLedgerCommand(db, { ...request, userId }, signing);
    expect(statements).toHaveLength(2);
    expect(statements[0]?.values).toEqual([commandId, 'asset-1', 'RequestAccess']);
    expect(statements[1]?.sql).toMatch(/insert into outbox/);
    expect(statements[1]?.values).toContain('asset-1');
    // the attestation in the event covers exactly this command for this user
    const envelope = JSON.parse(String(statements[1]?.values.find((v) => typeof v === 'string' && v.includes('attestation')))) as { data: { attestation: string } };
    const call = { commandId, userId, mspId: null, channel: 'gridledger', chaincode: 'gridledger', contract: 'access', transaction: 'RequestAccess', arguments: [JSON.stringify(requested)] };
    await expect(verifyAttestation(envelope.data.attestation, call, { registry })).resolves.toEqual({ service: 'access-policy', commandId });
    await expect(verifyAttestation(envelope.data.attestation, { ...call, arguments: ['{"other":1}'] }, { registry })).rejects.toMatchObject({ code: 'NOT_ATTESTED' });
  });

  it('refuses a command the ledger could not read, and writes nothing', async () => {
    const { db, statements } = recordingDb();
    await expect(enqueueLedgerCommand(db, { ...request, userId: 'cons-analyst-042' }, signing)).rejects.toBeInstanceOf(InvalidLedgerCommandError);
    expect(statements).toEqual([]);
  });
});

describe('isAnswerFor', () => {
  const answer = (requestedBy?: string) =>
    cloudEvent<LedgerAnswer['payload']>({ id: 'e1', source: '/gridledger/ledger', type: 'gridledger.ledger.tx-failed.v1', subject: 'a1', time: new Date(0), data: { commandId: 'c1', txId: null, stage: 'signing', code: 'FORBIDDEN', message: 'no', ...(requestedBy ? { requestedBy } : {}) } });

  it("takes this service's answers, and those that do not say whose they are; skips other services'", () => {
    const forStorage = isAnswerFor('storage');
    expect(forStorage(answer('storage'))).toBe(true);
    expect(forStorage(answer())).toBe(true);
    expect(forStorage(answer('access-policy'))).toBe(false);
  });
});
