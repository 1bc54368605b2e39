import { StatusCode } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../common/ledger-error.ts';
import type { CommitOutcome, TransactionCall } from '../fabric/transaction-submitter.ts';
import type { TransactionSigner } from '../signing/transaction-signer.ts';
import { LedgerQueries, type QueryPorts } from './ledger-query.service.ts';
import { parseAssetQuery } from './query-input.ts';

const USER_ID = '0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a';
const USER = { userId: USER_ID, proof: { attestation: 'a.b.c' } };
const signerOf = (mspId: string): TransactionSigner => ({ mspId, certificate: Buffer.from(`cert of ${mspId}`), signProposal: async () => Buffer.from('sig'), signTransaction: async () => Buffer.from('sig') });

/** Fake ports that record who signed which call, and answer with the chaincode's canonical JSON. */
function fakes(script: { onChain?: CommitOutcome; command?: { commandId: string; answer: unknown }; answer?: string } = {}) {
  const evaluated: { signer: string; call: TransactionCall }[] = [];
  const asked: string[] = [];
  const proofs: unknown[] = [];
  const ports: QueryPorts = {
    userSigner: async (userId, proof) => {
      asked.push(userId);
      proofs.push(proof);
      return signerOf('ConsumerMSP');
    },
    serviceSigner: () => signerOf('GridMSP'),
    evaluate: async (signer, call) => {
      evaluated.push({ signer: signer.mspId, call });
      return script.answer ?? '{"id":"a-1"}';
    },
    height: async () => 12345678901234567890n,
    onChain: async () => script.onChain,
    command: async () => script.command,
  };
  return { queries: new LedgerQueries(ports), evaluated, asked, proofs };
}

describe('LedgerQueries', () => {
  it("evaluates as the user named in the header, so the chaincode applies that user's visibility", async () => {
    const { queries, evaluated, asked, proofs } = fakes();
    expect(await queries.asset(USER, 'a-1')).toEqual({ id: 'a-1' });
    expect(asked).toEqual([USER_ID]);
    // the proof the caller brought goes to the identity service as it came
    expect(proofs).toEqual([{ attestation: 'a.b.c' }]);
    expect(evaluated).toEqual([{ signer: 'ConsumerMSP', call: { contract: 'asset', transaction: 'GetAsset', arguments: ['a-1'] } }]);
  });

  it("evaluates as the ledger's own identity when no user is named", async () => {
    const { queries, evaluated, asked } = fakes();
    await queries.account(undefined, 'u-1');
    expect(asked).toEqual([]);
    expect(evaluated).toEqual([{ signer: 'GridMSP', call: { contract: 'settlement', transaction: 'GetAccount', arguments: ['u-1'] } }]);
  });

  it('maps each read to its chaincode function and arguments', async () => {
    const { queries, evaluated } = fakes();
    await queries.assets(undefined, parseAssetQuery({ status: 'active', pageSize: '5', bookmark: 'b-1' }));
    await queries.lineage(undefined, 'a-1');
    await queries.history(undefined, 'a-1');
    await queries.access(undefined, 'a-1', 'u-2');
    await queries.request(undefined, 'r-1');
    expect(evaluated.map((e) => e.call)).toEqual([
      { contract: 'asset', transaction: 'QueryAssets', arguments: ['{"status":"active"}', '5', 'b-1'] },
      { contract: 'lineage', transaction: 'GetAssetLineage', arguments: ['a-1'] },
      { contract: 'asset', transaction: 'GetAssetHistory', arguments: ['a-1'] },
      { contract: 'access', transaction: 'CheckAccess', arguments: ['a-1', 'u-2'] },
      { contract: 'access', transaction: 'GetRequest', arguments: ['r-1'] },
    ]);
  });

  it('treats an answer that is not JSON as a fault, not as data', async () => {
    await expect(fakes({ answer: 'oops' }).queries.asset(undefined, 'a-1')).rejects.toThrow(/asset:GetAsset answered with text that is not JSON/);
  });

  it('gives the chain height as a decimal string, exact beyond 2^53', async () => {
    expect(await fakes().queries.height()).toEqual({ height: '12345678901234567890' });
  });

  it("reports a transaction from the chain and this service's command together", async () => {
    const { queries } = fakes({ onChain: { txId: 't-1', blockNumber: 9n, code: StatusCode.VALID, successful: true }, command: { commandId: 'c-1', answer: { txId: 't-1' } } });
    expect(await queries.transaction('t-1')).toEqual({ txId: 't-1', status: 'VALID', blockNumber: '9', commandId: 'c-1', answer: { txId: 't-1' } });
  });

  it('names the validation code of an invalid transaction, and says UNKNOWN while no block holds it', async () => {
    const invalid = fakes({ onChain: { txId: 't-2', blockNumber: 3n, code: StatusCode.MVCC_READ_CONFLICT, successful: false } });
    expect(await invalid.queries.transaction('t-2')).toEqual({ txId: 't-2', status: 'MVCC_READ_CONFLICT', blockNumber: '3', commandId: null, answer: null });
    const pending = fakes({ command: { commandId: 'c-3', answer: null } });
    expect(await pending.queries.transaction('t-3')).toEqual({ txId: 't-3', status: 'UNKNOWN', blockNumber: null, commandId: 'c-3', answer: null });
  });

  it('is a 404 NOT_FOUND when neither this service nor the chain knows the transaction', async () => {
    const error = await fakes().queries.transaction('t-4').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});
