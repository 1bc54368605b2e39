import { loadConnectionConfig, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { PUBLIC_TOPICS } from '@gridledger/stack';
import { testKafka } from '@gridledger/testing';
import pg from 'pg';
import { send } from './hostile-http.ts';

/** What "nothing changed" is checked against: the chain, the services' rows, the balances, the public topics. */
export interface Subjects {
  ledgerUrl: string;
  /** reads everything on chain */
  regulatorToken: string;
  assetIds: string[];
  requestIds: string[];
  userIds: string[];
}

const ROW_COUNTS: [database: string, table: string][] = [
  ['storage', 'files'],
  ['storage', 'key_releases'],
  ['access_policy', 'requests'],
  ['access_policy', 'assets'],
  ['identity', 'users'],
];

export class StateSnapshot {
  private readonly pools = new Map<string, pg.Pool>();
  private readonly subjects: Subjects;

  constructor(subjects: Subjects) {
    this.subjects = subjects;
  }

  /** A canonical picture of everything a refused call must leave as it was. */
  async take(): Promise<Record<string, unknown>> {
    const { ledgerUrl, regulatorToken } = this.subjects;
    const chain: Record<string, unknown> = {};
    for (const id of this.subjects.assetIds) chain[`asset ${id}`] = (await send(`${ledgerUrl}/assets/${id}`, { token: regulatorToken })).body;
    for (const id of this.subjects.requestIds) chain[`request ${id}`] = (await send(`${ledgerUrl}/requests/${id}`, { token: regulatorToken })).body;
    for (const id of this.subjects.userIds) chain[`account ${id}`] = (await send(`${ledgerUrl}/accounts/${id}`, { token: regulatorToken })).body;
    const rows: Record<string, number> = {};
    for (const [database, table] of ROW_COUNTS) {
      const { rows: [row] } = await this.pool(database).query<{ n: string }>(`select count(*)::text as n from ${table}`);
      rows[`${database}.${table}`] = Number(row?.n ?? -1);
    }
    return { chain, rows, topics: await topicCounts() };
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
  }

  private pool(database: string): pg.Pool {
    let pool = this.pools.get(database);
    if (!pool) {
      pool = new pg.Pool({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), database), max: 1 });
      this.pools.set(database, pool);
    }
    return pool;
  }
}

/** Records on every public topic: an event published by a refused call would show here. */
async function topicCounts(): Promise<Record<string, number>> {
  const admin = testKafka('hostile-client-snapshot').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const counts: Record<string, number> = {};
    for (const topic of PUBLIC_TOPICS.filter((t) => existing.has(t))) {
      counts[topic] = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

/** The paths at which two snapshots differ, for the report. */
export function differences(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) return [path || '(root)'];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => differences((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
}
