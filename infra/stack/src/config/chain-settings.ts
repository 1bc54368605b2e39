/**
 * The ordering and gateway settings of the dev network. Each can be overridden for a measurement
 * (`GRIDLEDGER_BATCH_TIMEOUT=100ms npm run stack -- reset && npm start`); the batch settings
 * are written into the channel's genesis block, so they change only with a fresh channel.
 * The defaults, and why, are in README's "Chain settings" section: measured, not guessed.
 */
export interface ChainSettings {
  /** orderer BatchTimeout: how long the orderer waits to fill a block */
  batchTimeout: string;
  /** orderer BatchSize.MaxMessageCount: a block is cut at this many transactions */
  maxMessageCount: number;
  /** peer.gateway.concurrencyLimit: requests a gateway peer serves at once */
  gatewayConcurrency: number;
}

/**
 * Measured with `npm run bench:chain-settings -- --reset-my-stack` (the ledger benchmark on a
 * fresh channel per candidate, 2026-12-04, 2 cores; figures in README's "Chain settings"):
 * - 500 ms / 200 committed the most straight at the chaincode (120/s against 94–98/s for 250 ms
 *   and 100 ms blocks of 100, and 115/s for 1 s / 500) and carried events from block to Kafka
 *   three times sooner (median 0.9 s against 2.6–3.6 s): on two shared cores every block costs
 *   the peers a validation and a commit, and the relay a transaction, so fewer, fuller blocks win.
 *   A lone transaction waits at most 500 ms for its block, 250 ms more than before.
 * - 1 s / 500 was no faster and doubles that wait.
 * - The gateway's concurrency limit is Fabric's default, 500: the ledger drives at most 400
 *   commands at once (LEDGER_COMMANDS_IN_FLIGHT) and the bench's direct client 200, so it never binds.
 */
export const DEFAULT_CHAIN_SETTINGS: ChainSettings = {
  batchTimeout: '500ms',
  maxMessageCount: 200,
  gatewayConcurrency: 500,
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export function resolveChainSettings(env: NodeJS.ProcessEnv): ChainSettings {
  const batchTimeout = env['GRIDLEDGER_BATCH_TIMEOUT'] || DEFAULT_CHAIN_SETTINGS.batchTimeout;
  if (!/^\d+(ms|s)$/.test(batchTimeout)) throw new Error(`GRIDLEDGER_BATCH_TIMEOUT must be a duration such as 250ms or 1s, got "${batchTimeout}"`);
  return {
    batchTimeout,
    maxMessageCount: positiveInteger(env, 'GRIDLEDGER_BATCH_MAX_MESSAGES', DEFAULT_CHAIN_SETTINGS.maxMessageCount),
    gatewayConcurrency: positiveInteger(env, 'GRIDLEDGER_GATEWAY_CONCURRENCY', DEFAULT_CHAIN_SETTINGS.gatewayConcurrency),
  };
}
