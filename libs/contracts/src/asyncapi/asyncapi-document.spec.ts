import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { CHAINCODE_EVENT_NAMES } from '@gridledger/domain';
import { CHAIN_TOPICS } from '../chain/chain-events.ts';
import { ALL_TOPICS } from '../topics.ts';
import { asyncApiDocument } from './asyncapi-document.ts';
import { ASYNCAPI_VERSION } from './asyncapi-version.ts';

const committed = (): unknown => JSON.parse(readFileSync(fileURLToPath(new URL('../../asyncapi.json', import.meta.url)), 'utf8'));

describe('AsyncAPI document', () => {
  it('is a valid AsyncAPI 3 document by the AsyncAPI parser, with a channel per topic', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument(ASYNCAPI_VERSION)));
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(document?.channels().all().map((c) => c.address()).sort()).toEqual([...ALL_TOPICS].sort());
    // the parser's rule sets take seconds to load on a busy machine
  }, 30_000);

  it('would be caught if it were broken (the parser check can fail)', async () => {
    const broken = { ...asyncApiDocument(ASYNCAPI_VERSION), operations: { receiveNothing: { action: 'receive', channel: { $ref: '#/channels/doesNotExist' } } } };
    const { diagnostics } = await new Parser().parse(JSON.stringify(broken));
    expect(diagnostics.some((d) => d.severity === 0)).toBe(true);
  }, 30_000);

  it('is what the code generates (run `npx nx run contracts:asyncapi` after changing a contract)', () => {
    expect(committed()).toEqual(asyncApiDocument(ASYNCAPI_VERSION));
  });
});

describe('chain topics', () => {
  it('cover exactly the events the chaincode emits', () => {
    expect(Object.keys(CHAIN_TOPICS)).toEqual([...CHAINCODE_EVENT_NAMES]);
  });

  it('are named gridledger.chain.<kebab-case event>.v1', () => {
    expect(CHAIN_TOPICS.AssetRegistered).toBe('gridledger.chain.asset-registered.v1');
    expect(CHAIN_TOPICS.RequestOwnerApproved).toBe('gridledger.chain.request-owner-approved.v1');
    for (const topic of Object.values(CHAIN_TOPICS)) expect(topic).toMatch(/^gridledger\.chain\.[a-z]+(-[a-z]+)*\.v1$/);
  });
});
