import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordTopology, resolveTopology, TOPOLOGIES } from './topology.ts';

describe('topology', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'topology-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is dev unless asked for, and then what the data directory was made for', () => {
    const data = dataDir();
    expect(resolveTopology({}, data).name).toBe('dev');
    expect(resolveTopology({ GRIDLEDGER_TOPOLOGY: 'ha' }, data).name).toBe('ha');
    recordTopology(data, TOPOLOGIES.ha);
    expect(resolveTopology({}, data).name).toBe('ha');
  });

  it('refuses to switch a data directory made for another topology, and names the way out', () => {
    const data = dataDir();
    recordTopology(data, TOPOLOGIES.dev);
    expect(() => resolveTopology({ GRIDLEDGER_TOPOLOGY: 'ha' }, data)).toThrow(/made for the dev topology.*stack -- reset/);
    expect(() => resolveTopology({ GRIDLEDGER_TOPOLOGY: 'big' }, data)).toThrow(/must be one of dev, ha/);
  });
});
