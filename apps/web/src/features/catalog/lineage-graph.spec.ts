import { describe, expect, it } from 'vitest';
import type { LineageEntry } from '../../api/types.ts';
import { lineageGraph } from './lineage-graph.ts';

const entry = (action: string, mspId: string, uid: string, requestId: string | null): LineageEntry => ({ action, assetId: 'a1', requestId, signer: { mspId, role: 'x', uid }, timestamp: '', txId: 't', data: {} });

describe('lineageGraph', () => {
  const graph = lineageGraph('a1', 'Feeder 12', [
    entry('AssetRegistered', 'GridMSP', 'owner-1', null),
    entry('AccessRequested', 'ConsumerMSP', 'consumer-1', 'req-1'),
    entry('AccessGranted', 'GridMSP', 'owner-1', 'req-1'),
    entry('DownloadRecorded', 'ConsumerMSP', 'consumer-1', 'req-1'),
    entry('DownloadRecorded', 'ConsumerMSP', 'consumer-1', 'req-1'),
  ]);

  it('has one node per organisation, signer, request and the asset', () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(['asset:a1', 'org:ConsumerMSP', 'org:GridMSP', 'request:req-1', 'user:consumer-1', 'user:owner-1']);
  });

  it('folds a signer’s actions on one target into one edge, repeats collapsed', () => {
    expect(graph.edges.find((e) => e.from === 'user:consumer-1' && e.to === 'request:req-1')?.actions).toEqual(['AccessRequested', 'DownloadRecorded']);
    expect(graph.edges.find((e) => e.from === 'user:owner-1' && e.to === 'asset:a1')?.actions).toEqual(['AssetRegistered']);
  });

  it('places each kind in its own column, left to right', () => {
    const x = (id: string) => graph.nodes.find((n) => n.id === id)?.x ?? Number.NaN;
    expect(x('org:GridMSP')).toBeLessThan(x('user:owner-1'));
    expect(x('user:owner-1')).toBeLessThan(x('request:req-1'));
    expect(x('request:req-1')).toBeLessThan(x('asset:a1'));
  });
});
