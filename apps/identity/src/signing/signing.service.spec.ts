import 'reflect-metadata';
import { createHash, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, type Proposal } from '@hyperledger/fabric-gateway';
import { generateServiceKeyPair, ServiceCredential, ServiceKeyRegistry } from '@gridledger/service-auth';
import { gateway as protos } from '@hyperledger/fabric-protos';
import { describe, expect, it } from 'vitest';
import { IdentityError } from '../common/identity-error.ts';
import { MasterKeyWrapper } from '../custody/master-key-wrapper.ts';
import type { UserEntity } from '../database/entities.ts';
import type { AccessTokenService } from '../tokens/access-token.service.ts';
import { fabricKeyContext, type UsersService } from '../users/users.service.ts';
import type { AttestationReceipts } from './attestation-receipts.ts';
import type { SignatureLog, SignatureLogEntry } from './signature-log.ts';
import { SigningService } from './signing.service.ts';

// the user's Fabric key; the certificate is only compared, so any text stands in for it
const fabricKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const wrapper = new MasterKeyWrapper([{ kid: 'k1', key: randomBytes(32) }]);
const user = {
  id: '0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11',
  mspId: 'GridMSP',
  certificatePem: '-----BEGIN CERTIFICATE-----\nalice\n-----END CERTIFICATE-----\n',
  status: 'active',
  fabricKeyWrapped: wrapper.wrap(Buffer.from(fabricKey.privateKey.export({ format: 'pem', type: 'pkcs8' })), fabricKeyContext({ id: '0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11' })),
} as UserEntity;

const accessPolicy = generateServiceKeyPair();
const registry = ServiceKeyRegistry.fromJwks({ 'access-policy': accessPolicy.publicJwk });
const commandId = '6f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d';

function harness(receipts = new Map<string, Date>()) {
  const logged: SignatureLogEntry[] = [];
  const received = { receivedAt: async (asked: { attestation: string }[]) => new Map(asked.flatMap(({ attestation }) => (receipts.has(attestation) ? [[attestation, receipts.get(attestation) as Date]] : []))) } as unknown as AttestationReceipts;
  const users = { byId: async (id: string) => (id === user.id ? user : Promise.reject(new IdentityError('NOT_FOUND', `user ${id} does not exist`))) } as unknown as UsersService;
  const tokens = { verify: async () => Promise.reject(new IdentityError('INVALID_TOKEN', 'no')) } as unknown as AccessTokenService;
  const log = { record: async (entry: SignatureLogEntry) => void logged.push(entry) } as unknown as SignatureLog;
  return { logged, service: new SigningService(users, wrapper, tokens, log, received, { serviceKeys: registry }) };
}

function proposalFor(transaction: string, args: string[]): Proposal {
  const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
  const gateway = connect({ client, identity: { mspId: user.mspId, credentials: Buffer.from(user.certificatePem) } });
  try {
    return gateway.getNetwork('gridledger').getContract('gridledger', 'access').newProposal(transaction, { arguments: args });
  } finally {
    gateway.close();
    client.close();
  }
}

const attest = (args: string[], issuedAt?: () => number) =>
  ServiceCredential.fromPem('access-policy', accessPolicy.privateKeyPem, issuedAt).attest({ commandId, userId: user.id, mspId: null, channel: 'gridledger', chaincode: 'gridledger', contract: 'access', transaction: 'ApproveRequest', arguments: args });
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('SigningService.sign', () => {
  it("signs SHA-256 of the proposal bytes with the user's key, and logs it", async () => {
    const { service, logged } = harness();
    const proposal = proposalFor('ApproveRequest', ['req-1', 'ok']);
    const answer = await service.sign({ userId: user.id, kind: 'proposal', bytes: base64(proposal.getBytes()), commandId, attestation: await attest(['req-1', 'ok']) }, 'ledger');
    expect(answer.txId).toBe(proposal.getTransactionId());
    const proposalBytes = protos.ProposedTransaction.deserializeBinary(proposal.getBytes()).getProposal()?.getProposalBytes_asU8() ?? new Uint8Array();
    expect(createHash('sha256').update(proposalBytes).digest()).toEqual(Buffer.from(proposal.getDigest()));
    // ECDSA P-256 with SHA-256 over the proposal bytes, as the peers verify it
    expect(verify('sha256', proposalBytes, fabricKey.publicKey, Buffer.from(answer.signature, 'base64'))).toBe(true);
    expect(logged).toEqual([expect.objectContaining({ outcome: 'signed', code: null, requestedBy: 'ledger', userId: user.id, kind: 'proposal', function: 'access:ApproveRequest', txId: proposal.getTransactionId(), commandId, attestedBy: 'access-policy' })]);
  });

  it('refuses, and logs the refusal, for unreadable bytes, an unknown user and a call nobody attested', async () => {
    const { service, logged } = harness();
    const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
    expect(await refusal(service.sign({ userId: user.id, kind: 'transaction', bytes: base64(Buffer.from('garbage')) }, 'ledger'))).toMatchObject({ code: 'UNDECODABLE', status: 400 });
    const proposal = proposalFor('ApproveRequest', ['req-1', 'ok']);
    const unknown = '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11';
    expect(await refusal(service.sign({ userId: unknown, kind: 'proposal', bytes: base64(proposal.getBytes()) }, 'ledger'))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await refusal(service.sign({ userId: user.id, kind: 'proposal', bytes: base64(proposal.getBytes()), attestation: await attest(['req-1', 'other']) }, 'ledger'))).toMatchObject({ code: 'NOT_ATTESTED', status: 403 });
    expect(logged.map((e) => [e.outcome, e.code, e.function, e.userId])).toEqual([
      ['refused', 'UNDECODABLE', null, user.id],
      ['refused', 'NOT_FOUND', 'access:ApproveRequest', unknown],
      ['refused', 'NOT_ATTESTED', 'access:ApproveRequest', user.id],
    ]);
  });

  it('signs a command whose attestation expired after it was received, judged as of the receipt, and refuses it without one', async () => {
    const issued = Date.now() - 200_000;
    const stale = await attest(['req-1', 'ok'], () => issued);
    const { service, logged } = harness(new Map([[stale, new Date(issued + 30_000)]]));
    const proposal = proposalFor('ApproveRequest', ['req-1', 'ok']);
    const [signed] = await service.signMany([{ userId: user.id, kind: 'proposal', bytes: base64(proposal.getBytes()), commandId, attestation: stale }], 'ledger');
    expect(signed).toMatchObject({ txId: proposal.getTransactionId() });
    // the receipt moves the clock back, nothing else: another call is still refused
    const other = proposalFor('ApproveRequest', ['req-2', 'ok']);
    const [refused] = await service.signMany([{ userId: user.id, kind: 'proposal', bytes: base64(other.getBytes()), commandId, attestation: stale }], 'ledger');
    expect(refused).toMatchObject({ error: { code: 'NOT_ATTESTED', message: 'the attestation covers other arguments than those of this access:ApproveRequest' } });
    const unreceived = harness();
    await expect(unreceived.service.sign({ userId: user.id, kind: 'proposal', bytes: base64(proposal.getBytes()), commandId, attestation: stale }, 'ledger')).rejects.toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation has expired' });
    expect(logged.map((e) => e.outcome)).toEqual(['signed', 'refused']);
  });
});
