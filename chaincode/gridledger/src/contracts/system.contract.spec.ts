import { ChaincodeError } from '../errors.ts';
import { actors, expectEvent, expectRefusal } from '../test-support/fixtures.ts';
import { World } from '../test-support/fabric-fake.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY } from '../keys.ts';
import { CONTRACT_VERSION, SystemContract } from './system.contract.ts';

describe('SystemContract', () => {
  let world: World;
  const system = new SystemContract();
  beforeEach(() => {
    world = new World();
  });

  it('GetVersion names the contract and its version, to anyone', async () => {
    expect(await world.evaluate(system, 'GetVersion', actors.peer)).toEqual({ contract: 'gridledger', version: CONTRACT_VERSION });
  });

  it('WhoAmI echoes the certificate, attributes or not', async () => {
    expect(await world.evaluate(system, 'WhoAmI', actors.bob)).toEqual({ mspId: 'ConsumerMSP', uid: 'bob', role: 'consumer', id: actors.bob.getID() });
    expect(await world.evaluate(system, 'WhoAmI', actors.peer)).toEqual({ mspId: 'GridMSP', uid: null, role: null, id: actors.peer.getID() });
  });

  it('Ping stores who signed and when, emits PingRecorded in the standard envelope, and GetPing reads it back', async () => {
    const outcome = await world.invoke(system, 'Ping', actors.alice, 'hello ledger');
    const ping = { docType: 'ping', txId: outcome.txId, message: 'hello ledger', signer: { mspId: 'GridMSP', uid: 'alice', role: 'owner', id: actors.alice.getID() }, timestamp: new Date(outcome.time).toISOString() };
    expect(outcome.result).toEqual(ping);
    expect(world.read(world.compositeKey('ping', outcome.txId))).toEqual(ping);
    expect(expectEvent(outcome, 'PingRecorded', {}, actors.alice)).toEqual({ message: 'hello ledger' });
    expect(world.values(KEY.lineage)).toEqual([]);
    expect(await world.evaluate(system, 'GetPing', actors.peer, outcome.txId)).toEqual(ping);
  });

  it('Ping needs a platform user, because its event names the signer', async () => {
    await expectRefusal(world, () => world.invoke(system, 'Ping', actors.peer, 'hello'), 'UNAUTHENTICATED');
  });

  it('Ping refuses an empty or oversize message with INVALID_ARGUMENT and writes nothing', async () => {
    await expect(world.invoke(system, 'Ping', actors.alice, '')).rejects.toThrow(/^INVALID_ARGUMENT: message must be 1 to 280 characters$/);
    await expect(world.invoke(system, 'Ping', actors.alice, 'x'.repeat(281))).rejects.toThrow(/^INVALID_ARGUMENT: /);
    expect(world.snapshot()).toEqual({});
    expect((await world.invoke(system, 'Ping', actors.alice, 'x'.repeat(280))).result).toMatchObject({ message: 'x'.repeat(280) });
  });

  it('GetPing says NOT_FOUND for a transaction that recorded no ping', async () => {
    await expect(world.evaluate(system, 'GetPing', actors.bob, 'tx-none')).rejects.toThrow(/^NOT_FOUND: no ping recorded by transaction tx-none$/);
  });

  it('refuses with coded chaincode errors, including an empty transaction id', async () => {
    await expect(world.invoke(system, 'Ping', actors.alice, '')).rejects.toBeInstanceOf(ChaincodeError);
    await expect(world.evaluate(system, 'GetPing', actors.bob, 'tx-none')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(world.evaluate(system, 'GetPing', actors.bob, '')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
