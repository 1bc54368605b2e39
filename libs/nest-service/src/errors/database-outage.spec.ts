import { describe, expect, it } from 'vitest';
import { databaseOutageBody } from './database-outage.ts';

describe('databaseOutageBody', () => {
  it('answers a database that is down or restarting with a 503 to try again', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15432'), { code: 'ECONNREFUSED' });
    const startingUp = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    for (const error of [refused, startingUp, new Error('Connection terminated unexpectedly')]) {
      expect(databaseOutageBody(error, 'storage')).toEqual({ statusCode: 503, code: 'UNAVAILABLE', message: "the storage service's database is out of reach for a moment; try again shortly" });
    }
  });

  it('leaves every other error to the filter', () => {
    expect(databaseOutageBody(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }), 'storage')).toBeUndefined();
    expect(databaseOutageBody(new TypeError('x is undefined'), 'storage')).toBeUndefined();
  });
});
