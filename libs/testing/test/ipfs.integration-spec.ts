import { createHash, randomBytes } from 'node:crypto';
import { create } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import * as raw from 'multiformats/codecs/raw';
import { describe, expect, it } from 'vitest';
import { stackConnections } from '../src/index.ts';

describe('IPFS (Kubo)', () => {
  const ipfs = create({ url: `${stackConnections().ipfs.apiUrl}/api/v0` });

  it('adds and pins a file, reads it back, and its CID is the hash of its content', async () => {
    const content = randomBytes(64 * 1024);
    const added = await ipfs.add(content, { pin: true, cidVersion: 1, rawLeaves: true });

    // one raw-leaf block: the CID commits to exactly these bytes
    const expected = CID.create(1, raw.code, await sha256.digest(content));
    expect(added.cid.toString()).toBe(expected.toString());

    const pins: string[] = [];
    for await (const pin of ipfs.pin.ls({ paths: [added.cid] })) pins.push(pin.cid.toString());
    expect(pins).toContain(added.cid.toString());

    const chunks: Uint8Array[] = [];
    for await (const chunk of ipfs.cat(added.cid)) chunks.push(chunk);
    const readBack = Buffer.concat(chunks);
    expect(createHash('sha256').update(readBack).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('serves the same bytes through its HTTP gateway', async () => {
    const content = Buffer.from(`gateway check ${Date.now()}`);
    const { cid } = await ipfs.add(content, { pin: true, cidVersion: 1 });
    const response = await fetch(`${stackConnections().ipfs.gatewayUrl}/ipfs/${cid.toString()}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
  });
});
