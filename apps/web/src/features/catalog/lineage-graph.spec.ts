import { describe, expect, it } from 'vitest';
import { lineageEntry as entry } from './lineage-fixtures.ts';
import { lineageGraph } from './lineage-graph.ts';

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

  it('shortens ids for the drawing and keeps them whole for the tooltip', () => {
    const long = lineageGraph('a1', 'T', [entry('AccessRequested', 'ConsumerMSP', 'c0000000-0000-4000-8000-000000000007', 'req-0123456789abcdef')]);
    expect(long.nodes.find((n) => n.kind === 'user')).toMatchObject({ label: 'c0000000 (x)', title: 'c0000000-0000-4000-8000-000000000007 (x)' });
    expect(long.nodes.find((n) => n.kind === 'request')).toMatchObject({ label: '01234567', title: 'req-0123456789abcdef' });
  });
});
