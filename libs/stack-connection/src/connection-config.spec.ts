import { describe, expect, it } from 'vitest';
import { loadConnectionConfig } from './connection-config.ts';
import { portEnvName, resolvePorts, DEFAULT_PORTS } from './ports.ts';

describe('where the stack is', () => {
  it('keeps everything under GRIDLEDGER_HOME', () => {
    const config = loadConnectionConfig({ GRIDLEDGER_HOME: '/srv/gl' });
    expect(config.paths.bin).toBe('/srv/gl/bin');
    expect(config.paths.data).toBe('/srv/gl/data');
    expect(config.paths.logs).toBe('/srv/gl/run/logs');
  });

  it('derives each organisation from the ports', () => {
    const config = loadConnectionConfig({ GRIDLEDGER_HOME: '/x', GRIDLEDGER_PORT_REGULATOR_PEER: '28051' });
    const regulator = config.organizations.find((o) => o.mspId === 'RegulatorMSP');
    expect(regulator?.peers).toEqual([{ name: 'peer-regulator', host: 'peer0.regulator.gridledger.local', port: 28051, chaincodePort: 18052, operationsPort: 18444 }]);
    expect(config.organizations.map((o) => o.mspId)).toEqual(['GridMSP', 'RegulatorMSP', 'ConsumerMSP']);
  });
});

describe('ports', () => {
  it('names the environment variable after the port', () => {
    expect(portEnvName('kuboApi')).toBe('GRIDLEDGER_PORT_KUBO_API');
    expect(portEnvName('postgres')).toBe('GRIDLEDGER_PORT_POSTGRES');
  });

  it('rejects a value that is not a port', () => {
    expect(() => resolvePorts({ GRIDLEDGER_PORT_KAFKA: 'abc' })).toThrow(/GRIDLEDGER_PORT_KAFKA must be a port/);
    expect(() => resolvePorts({ GRIDLEDGER_PORT_KAFKA: '70000' })).toThrow(/between 1 and 65535/);
  });

  it('rejects two components on one port', () => {
    expect(() => resolvePorts({ GRIDLEDGER_PORT_KAFKA: String(DEFAULT_PORTS.postgres) })).toThrow(/both 15432/);
  });
});
