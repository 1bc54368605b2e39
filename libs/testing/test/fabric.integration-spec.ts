import { readCertificateAttributes } from '@gridledger/fabric-ca-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGateway, enrollTestIdentity, stackConnections, type GatewayConnection, type TestIdentity } from '../src/index.ts';

const decode = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString());

describe('Fabric network with per-user identities from the Fabric CA', () => {
  let owner: TestIdentity;
  let regulator: TestIdentity;
  let ownerConnection: GatewayConnection;
  let regulatorConnection: GatewayConnection;

  beforeAll(async () => {
    owner = await enrollTestIdentity('GridMSP', 'owner');
    regulator = await enrollTestIdentity('RegulatorMSP', 'regulator');
    ownerConnection = connectGateway(owner);
    regulatorConnection = connectGateway(regulator);
  });

  afterAll(() => {
    ownerConnection?.close();
    regulatorConnection?.close();
  });

  it('issues certificates that carry the gridledger role and uid', () => {
    const attributes = readCertificateAttributes(owner.certificatePem);
    expect(attributes['gridledger.role']).toBe('owner');
    expect(attributes['gridledger.uid']).toBe(owner.uid);
  });

  it('evaluates a query and the chaincode reads the caller certificate attributes', async () => {
    const contract = ownerConnection.contract('system');
    expect(decode(await contract.evaluateTransaction('GetVersion'))).toMatchObject({ contract: 'gridledger' });
    expect(decode(await contract.evaluateTransaction('WhoAmI'))).toMatchObject({ mspId: 'GridMSP', role: 'owner', uid: owner.uid });
    const asRegulator = decode(await regulatorConnection.contract('system').evaluateTransaction('WhoAmI'));
    expect(asRegulator).toMatchObject({ mspId: 'RegulatorMSP', role: 'regulator', uid: regulator.uid });
  });

  it('submits a transaction that commits, emits its event, and is readable from another organisation', async () => {
    const contract = ownerConnection.contract('system');
    const message = `hello from ${owner.uid}`;
    const proposal = contract.newProposal('Ping', { arguments: [message] });
    const transaction = await proposal.endorse();
    const submitted = await transaction.submit();
    const status = await submitted.getStatus();
    expect(status.successful).toBe(true);
    expect(status.blockNumber).toBeGreaterThan(0n);

    const txId = transaction.getTransactionId();
    const recorded = decode(transaction.getResult()) as { txId: string; signer: { uid: string; role: string } };
    expect(recorded).toMatchObject({ txId, message, signer: { mspId: 'GridMSP', role: 'owner', uid: owner.uid } });

    // the regulator's peer has the same committed state, once it has applied the block
    let fromRegulator: unknown;
    for (let attempt = 0; attempt < 50 && fromRegulator === undefined; attempt++) {
      fromRegulator = await regulatorConnection.contract('system').evaluateTransaction('GetPing', txId).then(decode, async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return undefined;
      });
    }
    expect(fromRegulator).toEqual(recorded);

    // and the chaincode event came with the block
    const events = await ownerConnection.gateway
      .getNetwork(stackConnections().fabric.channel)
      .getChaincodeEvents(stackConnections().fabric.chaincode, { startBlock: status.blockNumber });
    try {
      for await (const event of events) {
        if (event.transactionId !== txId) continue;
        expect(event.eventName).toBe('PingRecorded');
        expect(decode(event.payload)).toMatchObject({ event: 'PingRecorded', version: 1, txId, signer: { mspId: 'GridMSP', uid: owner.uid, role: 'owner' }, data: { message } });
        break;
      }
    } finally {
      events.close();
    }
  });

  it('rejects invalid input with a coded chaincode error and writes nothing', async () => {
    await expect(ownerConnection.contract('system').submitTransaction('Ping', '')).rejects.toMatchObject({
      details: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('INVALID_ARGUMENT') })]),
    });
  });
});
