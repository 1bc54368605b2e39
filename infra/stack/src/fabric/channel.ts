import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fabricLayout } from '@gridledger/stack-connection';
import { stringify } from 'yaml';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import type { BinaryLayout } from '../provision/binaries.ts';
import { StackError } from '../terminal/stack-error.ts';
import { osnadmin, osnadminBody, peerAsAdmin } from './admin-cli.ts';
import { channelConfig } from './channel-config.ts';

async function ensureGenesisBlock(config: StackConfig, binaries: BinaryLayout): Promise<void> {
  const layout = fabricLayout(config);
  if (existsSync(layout.channelBlock)) return;
  mkdirSync(layout.configtxDir, { recursive: true });
  mkdirSync(dirname(layout.channelBlock), { recursive: true });
  writeFileSync(join(layout.configtxDir, 'configtx.yaml'), stringify(channelConfig(config, layout)));
  await runCommand(join(binaries.fabricBin, 'configtxgen'), [
    '-profile', 'GridLedgerChannel', '-channelID', config.channel,
    '-outputBlock', layout.channelBlock, '-configPath', layout.configtxDir,
  ], { env: { ...process.env, FABRIC_CFG_PATH: layout.configtxDir } });
}

/** Joins every orderer that has not joined yet (each with the genesis block: all are consenters in it). */
async function ensureOrderersJoined(config: StackConfig, binaries: BinaryLayout): Promise<string[]> {
  const joined: string[] = [];
  for (const node of config.orderer.nodes) {
    const admin = osnadmin(config, binaries, node);
    const list = osnadminBody<{ channels: { name: string }[] | null }>((await admin(['channel', 'list'])).stdout);
    if (list?.channels?.some((c) => c.name === config.channel)) continue;
    await admin(['channel', 'join', '--channelID', config.channel, '--config-block', fabricLayout(config).channelBlock]);
    joined.push(node.name);
  }
  return joined;
}

async function ensurePeersJoined(config: StackConfig, binaries: BinaryLayout): Promise<string[]> {
  const joined: string[] = [];
  for (const org of config.organizations) {
    for (const node of org.peers) {
      const peer = peerAsAdmin(config, binaries, org, node);
      const { stdout } = await peer(['channel', 'list']);
      if (stdout.split('\n').some((line) => line.trim() === config.channel)) continue;
      // right after the orderers join, Raft is still electing a leader; the peer join itself only
      // needs the block, but retry briefly in case the peer is still warming up
      for (let attempt = 1; ; attempt++) {
        try {
          await peer(['channel', 'join', '-b', fabricLayout(config).channelBlock]);
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await sleep(1000 * attempt);
        }
      }
      joined.push(node.name);
    }
  }
  return joined;
}

/** Creates the channel once and joins every orderer and every peer; a no-op when all is in place. */
export async function ensureChannel(config: StackConfig, binaries: BinaryLayout): Promise<string> {
  await ensureGenesisBlock(config, binaries);
  const orderersJoined = await ensureOrderersJoined(config, binaries);
  const peersJoined = await ensurePeersJoined(config, binaries);
  if (orderersJoined.length === 0 && peersJoined.length === 0) return `channel ${config.channel} in place`;
  if (peersJoined.length === 0 && orderersJoined.length === config.orderer.nodes.length) {
    throw new StackError(`The orderers rejoined ${config.channel} but no peer needed to; the data directory may be inconsistent: run \`npm run stack -- reset\`.`);
  }
  return `channel ${config.channel}: ${[...orderersJoined, ...peersJoined].join(', ')} joined`;
}
