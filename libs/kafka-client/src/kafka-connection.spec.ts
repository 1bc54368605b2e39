import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consumerFailover, consumerSessionTimeoutMs, kafkaConnectionFromEnv, kafkaLogLevelOverride } from './kafka-connection.ts';

const dir = mkdtempSync(join(tmpdir(), 'kafka-client-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const env = { STORAGE_KAFKA_BROKERS: '127.0.0.1:19092,127.0.0.1:19094', STORAGE_KAFKA_USERNAME: 'storage', STORAGE_KAFKA_PASSWORD: 'pw-secret', STORAGE_KAFKA_CA_FILE: caFile };

describe('kafkaConnectionFromEnv', () => {
  it('reads brokers, principal, password and the CA', () => {
    expect(kafkaConnectionFromEnv('STORAGE', env)).toMatchObject({ brokers: ['127.0.0.1:19092', '127.0.0.1:19094'], username: 'storage', password: 'pw-secret' });
  });

  it.each([
    ['STORAGE_KAFKA_USERNAME', /STORAGE_KAFKA_USERNAME is missing/],
    ['STORAGE_KAFKA_PASSWORD', /STORAGE_KAFKA_PASSWORD is missing/],
    ['STORAGE_KAFKA_CA_FILE', /STORAGE_KAFKA_CA_FILE is missing/],
    ['STORAGE_KAFKA_BROKERS', /STORAGE_KAFKA_BROKERS must be host:port/],
  ])('stops with one sentence naming %s when it is missing', (name, message) => {
    const without = { ...env, [name]: undefined };
    expect(() => kafkaConnectionFromEnv('STORAGE', without)).toThrow(message);
  });

  it('names an unreadable CA file without echoing any secret', () => {
    const error = (() => {
      try {
        kafkaConnectionFromEnv('STORAGE', { ...env, STORAGE_KAFKA_CA_FILE: join(dir, 'nope.pem') });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/STORAGE_KAFKA_CA_FILE .*nope\.pem.* cannot be read: ENOENT/);
    expect(error?.message).not.toContain('pw-secret');
  });
});

describe('kafkaLogLevelOverride', () => {
  it('is unset unless GRIDLEDGER_KAFKA_LOG_LEVEL names a level', () => {
    expect(kafkaLogLevelOverride({})).toBeUndefined();
    expect(kafkaLogLevelOverride({ GRIDLEDGER_KAFKA_LOG_LEVEL: 'debug' })).toBe('debug');
  });

  it('refuses a level kafkajs does not have, naming the ones it does', () => {
    expect(() => kafkaLogLevelOverride({ GRIDLEDGER_KAFKA_LOG_LEVEL: 'verbose' })).toThrow(/must be one of nothing, error, warn, info, debug, not verbose/);
  });
});

describe('consumerSessionTimeoutMs and consumerFailover', () => {
  it('is 6 s (the brokers\' default floor) unless GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS says otherwise', () => {
    expect(consumerSessionTimeoutMs({})).toBe(6_000);
    expect(consumerSessionTimeoutMs({ GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS: '4000' })).toBe(4_000);
  });

  it('refuses what is not a whole number of milliseconds in range', () => {
    for (const value of ['4s', '999', '4000.5', '300001']) expect(() => consumerSessionTimeoutMs({ GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS: value })).toThrow(/from 1000 to 300000, not /);
  });

  it('heartbeats ten times a session, but not more often than every 500 ms', () => {
    expect(consumerFailover(10_000)).toMatchObject({ sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    expect(consumerFailover(4_000)).toMatchObject({ sessionTimeout: 4_000, heartbeatInterval: 500 });
  });
});
