import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConnectionConfig, type ConnectionConfig } from './connection-config.ts';
import { caBootstrapAdminFile } from './fabric-ca-connection.ts';
import { connectionInfo } from './connection-info.ts';
import { KAFKA_SERVICE_PRINCIPALS, kafkaCredentialsFile } from './kafka-connection.ts';
import { postgresFiles } from './postgres-connection.ts';
import { identityFiles } from './service-files.ts';
import { platformEndpoints } from './platform-endpoints.ts';

const write = (file: string, content: unknown) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(content));
};

/** The files `npm run stack -- up` and `start` leave behind, with made-up secrets. */
function provisioned(config: ConnectionConfig): void {
  write(kafkaCredentialsFile(config), { admin: 'admin-secret', broker: 'b', services: Object.fromEntries(KAFKA_SERVICE_PRINCIPALS.map((name) => [name, `${name}-secret`])), readers: {} });
  write(postgresFiles(config).credentials, { superuser: { user: 'postgres', password: 'pw' }, services: {} });
  for (const org of config.organizations) write(caBootstrapAdminFile(config, org), { enrollmentId: `admin-${org.key}`, secret: 's' });
  write(identityFiles(config).bootstrap, { admins: [{ mspId: 'GridMSP', username: 'grid-admin', password: 'p' }] });
}

describe('how clients reach a stack', () => {
  const homes: string[] = [];
  const stack = (env: Record<string, string> = {}) => {
    const home = mkdtempSync(join(tmpdir(), 'stack-connection-'));
    homes.push(home);
    const config = loadConnectionConfig({ GRIDLEDGER_HOME: home, ...env });
    provisioned(config);
    return config;
  };
  afterEach(() => {
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });

  it('gives the dev topology one broker and each organisation its first peer', () => {
    const info = connectionInfo(stack());
    expect(info.kafka.brokers).toEqual(['127.0.0.1:19092']);
    expect(info.fabric.organizations.map((o) => [o.mspId, o.peerEndpoint, o.peerHostAlias])).toEqual([
      ['GridMSP', '127.0.0.1:17051', 'peer0.grid.gridledger.local'],
      ['RegulatorMSP', '127.0.0.1:18051', 'peer0.regulator.gridledger.local'],
      ['ConsumerMSP', '127.0.0.1:19051', 'peer0.consumer.gridledger.local'],
    ]);
    expect(info.kafka.admin).toEqual({ username: 'admin', password: 'admin-secret' });
    expect(info.kafka.services.ledger).toEqual({ username: 'ledger', password: 'ledger-secret' });
  });

  it('lists all three brokers of the ha topology, and still sends each organisation to its first peer', () => {
    const info = connectionInfo(stack({ GRIDLEDGER_TOPOLOGY: 'ha' }));
    expect(info.kafka.brokers).toEqual(['127.0.0.1:19092', '127.0.0.1:19192', '127.0.0.1:19292']);
    expect(info.fabric.organizations.map((o) => o.peerEndpoint)).toEqual(['127.0.0.1:17051', '127.0.0.1:18051', '127.0.0.1:19051']);
  });

  it('follows a moved port everywhere it is used', () => {
    const config = stack({ GRIDLEDGER_PORT_KAFKA: '29092', GRIDLEDGER_PORT_STORAGE: '23003', GRIDLEDGER_PORT_GRID_PEER: '27051' });
    const info = connectionInfo(config);
    expect(info.kafka.brokers).toEqual(['127.0.0.1:29092']);
    expect(info.fabric.organizations[0]?.peerEndpoint).toBe('127.0.0.1:27051');
    const endpoints = platformEndpoints(config);
    expect(endpoints.storageUrl).toBe('http://127.0.0.1:23003');
    expect(endpoints.admins).toEqual([{ mspId: 'GridMSP', username: 'grid-admin', password: 'p' }]);
  });

  it('says to bring the stack up when it never was', () => {
    const home = mkdtempSync(join(tmpdir(), 'stack-connection-'));
    homes.push(home);
    expect(() => connectionInfo(loadConnectionConfig({ GRIDLEDGER_HOME: home }))).toThrow(/npm run stack -- up/);
  });
});
