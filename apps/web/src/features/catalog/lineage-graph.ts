import type { LineageEntry } from '../../api/types.ts';

/** A union that may grow (e.g. earlier versions of a data product); the layout orders kinds by LINEAGE_KIND_ORDER. */
export type NodeKind = 'organisation' | 'user' | 'request' | 'asset';

export interface LineageNode {
  id: string;
  kind: NodeKind;
  /** what the drawing shows */
  label: string;
  /** the full name, shown as a tooltip */
  title: string;
}

export interface LineageEdge {
  from: string;
  to: string;
  /** the chain actions along this edge, in order */
  actions: string[];
}

export interface LineageModel {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

/** Sources before targets: the order of columns in a wide drawing and of sections in a narrow one. */
export const LINEAGE_KIND_ORDER: readonly NodeKind[] = ['organisation', 'user', 'request', 'asset'];

/**
 * An asset's lineage as a graph: organisations → their users → the requests they acted on → the
 * asset. Each signer's actions on a request (or on the asset directly) become one edge, so the
 * drawing stays readable for long histories.
 */
export function lineageGraph(assetId: string, title: string, entries: readonly LineageEntry[]): LineageModel {
  const asset = `asset:${assetId}`;
  const nodes = new Map<string, LineageNode>([[asset, { id: asset, kind: 'asset', label: title, title }]]);
  const edges = new Map<string, LineageEdge>();
  const edge = (from: string, to: string, action: string | null) => {
    const key = `${from}→${to}`;
    const e = edges.get(key) ?? { from, to, actions: [] };
    if (action && e.actions[e.actions.length - 1] !== action) e.actions.push(action);
    edges.set(key, e);
  };
  for (const entry of entries) {
    const org = `org:${entry.signer.mspId}`;
    const user = `user:${entry.signer.uid}`;
    nodes.set(org, { id: org, kind: 'organisation', label: entry.signer.mspId, title: entry.signer.mspId });
    nodes.set(user, { id: user, kind: 'user', label: `${entry.signer.uid.slice(0, 8)} (${entry.signer.role})`, title: `${entry.signer.uid} (${entry.signer.role})` });
    edge(org, user, null);
    if (entry.requestId) {
      const request = `request:${entry.requestId}`;
      nodes.set(request, { id: request, kind: 'request', label: entry.requestId.replace(/^req-/, '').slice(0, 8), title: entry.requestId });
      edge(user, request, entry.action);
      edge(request, asset, null);
    } else {
      edge(user, asset, entry.action);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
