import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fabricLayout, kafkaNodes } from '@gridledger/stack-connection';
import { loadStackConfig } from './stack-config.ts';
import { kafkaServerProperties } from '../components/kafka.ts';
import { platformServices } from '../services/platform-services.ts';
import { fabricNodeComponents } from '../components/fabric-nodes.ts';
import { channelConfig } from '../fabric/channel-config.ts';
import { cryptoConfig } from '../fabric/crypto-material.ts';

describe('the components of each topology', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'topology-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('runs three Kafka nodes that replicate every topic three times and need two for a write', () => {
    const config = loadStackConfig({ GRIDLEDGER_HOME: dataDir(), GRIDLEDGER_TOPOLOGY: 'ha' });
    const nodes = kafkaNodes(config);
    expect(nodes.map((n) => n.name)).toEqual(['kafka', 'kafka-2', 'kafka-3']);
    const second = nodes[1];
    if (!second) throw new Error('three nodes expected');
    const properties = kafkaServerProperties(config, second, '/log', { keystore: '/k', caCert: '/c' }, 'secret');
    expect(properties).toContain('node.id=2');
    expect(properties).toContain(`controller.quorum.voters=1@127.0.0.1:${config.ports.kafkaController},2@127.0.0.1:${config.ports.kafkaController2},3@127.0.0.1:${config.ports.kafkaController3}`);
    expect(properties).toContain(`listeners=SASL_SSL://127.0.0.1:${config.ports.kafka2},CONTROLLER://127.0.0.1:${config.ports.kafkaController2}`);
    for (const setting of ['default.replication.factor=3', 'offsets.topic.replication.factor=3', 'transaction.state.log.replication.factor=3', 'min.insync.replicas=2', 'transaction.state.log.min.isr=2']) {
      expect(properties).toContain(setting);
    }
  });

  it('keeps dev to one Kafka node with single replicas, and one process per service', () => {
    const config = loadStackConfig({ GRIDLEDGER_HOME: dataDir() });
    const [only] = kafkaNodes(config);
    if (!only) throw new Error('one node expected');
    const properties = kafkaServerProperties(config, only, '/log', { keystore: '/k', caCert: '/c' }, 'secret');
    expect(properties).toContain(`controller.quorum.voters=1@127.0.0.1:${config.ports.kafkaController}\n`);
    expect(properties).toContain('min.insync.replicas=1');
    expect(platformServices(config).map((s) => s.name)).toEqual(['identity', 'ledger', 'storage', 'access-policy', 'audit', 'web']);
  });

  it('runs three Raft orderers and two peers per organisation in ha, each on its own ports, all in the channel', () => {
    const config = loadStackConfig({ GRIDLEDGER_HOME: dataDir(), GRIDLEDGER_TOPOLOGY: 'ha' });
    expect(fabricNodeComponents(config).map((c) => c.name)).toEqual(['orderer', 'orderer-2', 'orderer-3', 'peer-grid', 'peer-grid-2', 'peer-regulator', 'peer-regulator-2', 'peer-consumer', 'peer-consumer-2']);
    const ports = fabricNodeComponents(config).flatMap((c) => c.ports);
    expect(new Set(ports).size).toBe(ports.length);
    const layout = fabricLayout(config);
    const channel = channelConfig(config, layout) as { Profiles: { GridLedgerChannel: { Orderer: { EtcdRaft: { Consenters: { Port: number }[] }; Organizations: { OrdererEndpoints: string[] }[] }; Application: { Organizations: { AnchorPeers: { Port: number }[] }[] } } } };
    const profile = channel.Profiles.GridLedgerChannel;
    expect(profile.Orderer.EtcdRaft.Consenters.map((c) => c.Port)).toEqual([config.ports.orderer, config.ports.orderer2, config.ports.orderer3]);
    expect(profile.Orderer.Organizations[0]?.OrdererEndpoints).toHaveLength(3);
    expect(profile.Application.Organizations.map((o) => o.AnchorPeers.map((a) => a.Port))).toEqual([
      [config.ports.gridPeer, config.ports.gridPeer2],
      [config.ports.regulatorPeer, config.ports.regulatorPeer2],
      [config.ports.consumerPeer, config.ports.consumerPeer2],
    ]);
    const crypto = cryptoConfig(config) as { OrdererOrgs: { Specs: { Hostname: string }[] }[]; PeerOrgs: { Specs: { Hostname: string }[] }[] };
    expect(crypto.OrdererOrgs[0]?.Specs.map((s) => s.Hostname)).toEqual(['orderer', 'orderer2', 'orderer3']);
    expect(crypto.PeerOrgs.map((o) => o.Specs.map((s) => s.Hostname))).toEqual([['peer0', 'peer1'], ['peer0', 'peer1'], ['peer0', 'peer1']]);
  });

  it('keeps dev to one orderer and one peer per organisation', () => {
    const config = loadStackConfig({ GRIDLEDGER_HOME: dataDir() });
    expect(fabricNodeComponents(config).map((c) => c.name)).toEqual(['orderer', 'peer-grid', 'peer-regulator', 'peer-consumer']);
  });

  it('gives every service a second replica on the same port in ha', () => {
    const config = loadStackConfig({ GRIDLEDGER_HOME: dataDir(), GRIDLEDGER_TOPOLOGY: 'ha' });
    const services = platformServices(config);
    expect(services.map((s) => s.name)).toEqual(['identity', 'identity-2', 'ledger', 'ledger-2', 'storage', 'storage-2', 'access-policy', 'access-policy-2', 'audit', 'audit-2', 'web', 'web-2']);
    expect(services.every((s) => s.ports.length === 0)).toBe(true);
  });
});
