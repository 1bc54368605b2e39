import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { refusedForGood } from './idempotent-consumer.ts';

// kafkajs's type declarations leave out these constructors' arguments
const protocolError = (type: string, retriable: boolean): Error =>
  new (KafkaJSProtocolError as unknown as new (e: { type: string; code: number; retriable: boolean; message: string }) => Error)({ type, code: 0, retriable, message: type });
const authenticationError = (message: string): Error => new (KafkaJSSASLAuthenticationError as unknown as new (m: string) => Error)(message);

describe('refusedForGood', () => {
  it('gives up on wrong credentials and on ACLs that forbid the topic or group, however deeply wrapped', () => {
    expect(refusedForGood(authenticationError('SASL SCRAM SHA512 authentication failed'))).toBe(true);
    const forbidden = protocolError('TOPIC_AUTHORIZATION_FAILED', false);
    expect(refusedForGood(forbidden)).toBe(true);
    // kafkajs wraps what its retrier gave up on, keeping it as the cause
    expect(refusedForGood(Object.assign(new KafkaJSNonRetriableError(forbidden), { cause: forbidden }))).toBe(true);
    expect(refusedForGood(protocolError('GROUP_AUTHORIZATION_FAILED', false))).toBe(true);
  });

  it('waits on a cluster that is unreachable or still electing', () => {
    expect(refusedForGood(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:19092'))).toBe(false);
    const electing = protocolError('LEADER_NOT_AVAILABLE', true);
    expect(refusedForGood(Object.assign(new KafkaJSNonRetriableError(electing), { cause: electing }))).toBe(false);
    expect(refusedForGood(new Error('Request timed out'))).toBe(false);
  });
});
