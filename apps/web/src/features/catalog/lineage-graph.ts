import type { LineageEntry } from '../../api/types.ts';

export type NodeKind = 'organisation' | 'user' | 'request' | 'asset';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  x: number;
  y: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** the chain actions along this edge, in order */
  actions: string[];
}

const COLUMNS: NodeKind[] = ['organisation', 'user', 'request', 'asset'];
// nodes are 120 wide, so the side margins keep the outer columns' boxes inside the drawing
export const GRAPH_SPACING = { column: 190, row: 64, marginX: 75, marginY: 30 };

/**
 * An asset's lineage as a graph: organisations → their users → the requests they acted on → the
 * asset. Each signer's actions on a request (or on the asset directly) become one edge, so the
 * drawing stays readable for long histories. Laid out in four columns, one per kind.
 */
export function lineageGraph(assetId: string, title: string, entries: readonly LineageEntry[]): { nodes: GraphNode[]; edges: GraphEdge[]; width: number; height: number } {
  const nodes = new Map<string, Omit<GraphNode, 'x' | 'y'>>([[`asset:${assetId}`, { id: `asset:${assetId}`, kind: 'asset', label: title }]]);
  const edges = new Map<string, GraphEdge>();
  const edge = (from: string, to: string, action: string | null) => {
    const key = `${from}→${to}`;
    const e = edges.get(key) ?? { from, to, actions: [] };
    if (action && e.actions[e.actions.length - 1] !== action) e.actions.push(action);
    edges.set(key, e);
  };
  for (const entry of entries) {
    const org = `org:${entry.signer.mspId}`;
    const user = `user:${entry.signer.uid}`;
    nodes.set(org, { id: org, kind: 'organisation', label: entry.signer.mspId });
    nodes.set(user, { id: user, kind: 'user', label: `${entry.signer.uid.slice(0, 8)} (${entry.signer.role})` });
    edge(org, user, null);
    if (entry.requestId) {
      const request = `request:${entry.requestId}`;
      nodes.set(request, { id: request, kind: 'request', label: entry.requestId.replace(/^req-/, '').slice(0, 8) });
      edge(user, request, entry.action);
      edge(request, `asset:${assetId}`, null);
    } else {
      edge(user, `asset:${assetId}`, entry.action);
    }
  }
  const placed: GraphNode[] = [];
  let tallest = 1;
  COLUMNS.forEach((kind, column) => {
    const inColumn = [...nodes.values()].filter((n) => n.kind === kind);
    tallest = Math.max(tallest, inColumn.length);
    inColumn.forEach((n, row) => placed.push({ ...n, x: GRAPH_SPACING.marginX + column * GRAPH_SPACING.column, y: GRAPH_SPACING.marginY + row * GRAPH_SPACING.row }));
  });
  // centre shorter columns against the tallest one
  const height = GRAPH_SPACING.marginY * 2 + (tallest - 1) * GRAPH_SPACING.row;
  for (const kind of COLUMNS) {
    const inColumn = placed.filter((n) => n.kind === kind);
    const offset = ((tallest - inColumn.length) * GRAPH_SPACING.row) / 2;
    inColumn.forEach((n) => (n.y += offset));
  }
  return { nodes: placed, edges: [...edges.values()], width: GRAPH_SPACING.marginX * 2 + (COLUMNS.length - 1) * GRAPH_SPACING.column, height };
}
