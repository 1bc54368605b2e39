import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable, servicePool } from './service-pool.ts';

const unreachable = 'postgres://nobody@127.0.0.1:1/none';

describe('servicePool', () => {
  it("turns an idle connection's error into a warning instead of an uncaught 'error' event", async () => {
    const warnings: string[] = [];
    const pool = servicePool({ connectionString: unreachable, max: 1 }, { warn: (message) => void warnings.push(message) });
    // what pg does when the server goes away under an idle client; with no listener, emit would throw
    expect(() => pool.emit('error', new Error('terminating connection due to administrator command'))).not.toThrow();
    expect(warnings).toEqual(['an idle database connection failed (terminating connection due to administrator command); it is dropped and the next query opens another']);
    await pool.end();
  });

  it("gives every client a listener of its own, so a checked-out client's error is not an uncaught 'error' event", async () => {
    const pool = servicePool({ connectionString: unreachable, max: 1 }, { warn: () => undefined });
    // pg-pool emits 'connect' with each new client; once checked out, pg-pool's own listener is off it
    const client = new EventEmitter();
    pool.emit('connect', client);
    expect(() => client.emit('error', new Error('Connection terminated unexpectedly'))).not.toThrow();
    expect(() => new EventEmitter().emit('error', new Error('without the listener'))).toThrow('without the listener');
    await pool.end();
  });
});

describe('isDatabaseUnreachable', () => {
  it('tells a database that is down or starting up from a statement it refused', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('syntax error at or near "tabel"'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});
