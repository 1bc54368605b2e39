import { describe, expect, it } from 'vitest';
import { servicePool } from './service-pool.ts';

describe('servicePool', () => {
  it("turns an idle connection's error into a warning instead of an uncaught 'error' event", async () => {
    const warnings: string[] = [];
    const pool = servicePool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 }, { warn: (message) => void warnings.push(message) });
    // what pg does when the server goes away under an idle client; with no listener, emit would throw
    expect(() => pool.emit('error', new Error('terminating connection due to administrator command'))).not.toThrow();
    expect(warnings).toEqual(['an idle database connection failed (terminating connection due to administrator command); it is dropped and the next query opens another']);
    await pool.end();
  });
});
