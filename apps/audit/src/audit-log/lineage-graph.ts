import type { AuditEntry } from './audit-entry.ts';

export interface GraphNode {
  id: string;
  kind: 'asset' | 'user' | 'organisation' | 'grant';
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  action: string;
  at: string;
  txId: string | null;
}

/**
 * An asset's lineage as graph data: users, their organisations, the asset and its grants as
 * nodes; every action as an edge from who did it to what it touched, with when and in which
 * transaction.
 */
export function lineageGraph(assetId: string, entries: readonly AuditEntry[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>([[`asset:${assetId}`, { id: `asset:${assetId}`, kind: 'asset', label: assetId }]]);
  const edges: GraphEdge[] = [];
  const node = (n: GraphNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    return n.id;
  };
  for (const entry of entries) {
    const target = entry.requestId ? node({ id: `grant:${entry.requestId}`, kind: 'grant', label: entry.requestId }) : `asset:${assetId}`;
    if (entry.requestId) edges.push({ from: target, to: `asset:${assetId}`, action: 'concerns', at: entry.occurredAt, txId: null });
    const actor = entry.actorUid ? node({ id: `user:${entry.actorMsp ?? '?'}:${entry.actorUid}`, kind: 'user', label: `${entry.actorUid}${entry.actorRole ? ` (${entry.actorRole})` : ''}` }) : null;
    if (actor && entry.actorMsp) {
      const org = node({ id: `org:${entry.actorMsp}`, kind: 'organisation', label: entry.actorMsp });
      if (!edges.some((e) => e.from === actor && e.to === org)) edges.push({ from: actor, to: org, action: 'member of', at: entry.occurredAt, txId: null });
    }
    edges.push({ from: actor ?? `service:${entry.service}`, to: target, action: entry.action, at: entry.occurredAt, txId: entry.txId });
    if (!actor) node({ id: `service:${entry.service}`, kind: 'user', label: `${entry.service} service` });
  }
  // the same "concerns" edge once per grant
  const seen = new Set<string>();
  return { nodes: [...nodes.values()], edges: edges.filter((e) => (e.action === 'concerns' ? !seen.has(e.from) && Boolean(seen.add(e.from)) : true)) };
}
