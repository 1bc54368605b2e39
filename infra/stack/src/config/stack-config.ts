import { loadConnectionConfig, type ConnectionConfig } from '@gridledger/stack-connection';
import { VERSIONS } from './versions.ts';
import { resolveChainSettings, type ChainSettings } from './chain-settings.ts';

/** Where the stack's parts are (libs/stack-connection), and what only the stack itself needs: versions and chain tuning. */
export interface StackConfig extends ConnectionConfig {
  versions: typeof VERSIONS;
  chain: ChainSettings;
}

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  return { ...loadConnectionConfig(env), versions: VERSIONS, chain: resolveChainSettings(env) };
}
