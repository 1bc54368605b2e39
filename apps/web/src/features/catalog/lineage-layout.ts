import { LINEAGE_KIND_ORDER, type LineageEdge, type LineageModel, type LineageNode, type NodeKind } from './lineage-graph.ts';
import { LINEAGE_TEXT, textWidth, wrapText } from './lineage-text.ts';

/** Below this container width the columns would squeeze the text, so the drawing stacks its sections instead. */
export const WIDE_LAYOUT_MIN_WIDTH = 860;
// the narrowest phone we design for; narrower containers scale the drawing down a little
const NARROW_MIN_WIDTH = 280;
const MARGIN = 8;
const PADDING = 8;
const NODE_GAP = 12;
const SECTION_GAP = 20;
const COLUMN_GAP = 44;
const LANE_SPACING = 6;
const MAX_LANES = 8;
// fixed widths of the wide drawing's columns; the users' column, which carries the actions, takes the rest
const COLUMN_WIDTH: Record<Exclude<NodeKind, 'user'>, number> = { organisation: 140, request: 130, asset: 180 };
const USER_COLUMN = { min: 200, max: 360 };
const HEADER_LINES: Record<NodeKind, number> = { organisation: 2, user: 2, request: 1, asset: 3 };
const ROW_LINES = 3;

export type LineageOrientation = 'wide' | 'narrow';

/** One line of text, its top-left corner and estimated width: enough to check that nothing overlaps. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  width: number;
  /** the node's own name rather than a row of actions */
  heading: boolean;
}

export interface PlacedNode extends LineageNode {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: PlacedText[];
}

export interface PlacedEdge extends LineageEdge {
  /** from the source's port to the target's, in drawing order */
  points: Array<{ x: number; y: number }>;
}

export interface LineageLayout {
  orientation: LineageOrientation;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export interface LineageLayoutOptions {
  /** the width the drawing may take, in CSS pixels */
  width: number;
  /** the text of an edge's row in its source's box: where it leads and the actions, already translated */
  rowText: (edge: LineageEdge) => string;
}

const edgeKey = (e: LineageEdge) => `${e.from}→${e.to}`;

interface BoxContent {
  node: LineageNode;
  headings: string[];
  rows: Array<{ key: string; lines: string[] }>;
}

/**
 * Where everything goes. Action names are rows inside the box of the user who signed them, each
 * row the start of its edge, so labels of edges that meet at one node never pile up on each other.
 * Wide: one column per kind, left to right. Narrow: the kinds stacked top to bottom in full-width
 * boxes, edges running down a gutter on the left; the text keeps its size either way.
 */
export function layoutLineage(model: LineageModel, options: LineageLayoutOptions): LineageLayout {
  return options.width >= WIDE_LAYOUT_MIN_WIDTH ? wideLayout(model, options) : narrowLayout(model, options);
}

/** Every line of text in the drawing. */
export function layoutTexts(layout: LineageLayout): PlacedText[] {
  return layout.nodes.flatMap((n) => n.lines);
}

function content(model: LineageModel, node: LineageNode, width: number, rowText: LineageLayoutOptions['rowText']): BoxContent {
  const inner = width - 2 * PADDING;
  const rows = model.edges.filter((e) => e.from === node.id && e.actions.length > 0).map((e) => ({ key: edgeKey(e), lines: wrapText(rowText(e), inner, ROW_LINES) }));
  return { node, headings: wrapText(node.label, inner, HEADER_LINES[node.kind], true), rows };
}

const boxHeight = (c: BoxContent) => 2 * PADDING + (c.headings.length + c.rows.reduce((sum, r) => sum + r.lines.length, 0)) * LINEAGE_TEXT.lineHeight;

/** Places a box and its lines; returns the y of each row's first line, where its edge leaves. */
function place(c: BoxContent, x: number, y: number, width: number): { node: PlacedNode; ports: Map<string, number> } {
  const lines: PlacedText[] = [];
  const ports = new Map<string, number>();
  let top = y + PADDING;
  const add = (text: string, heading: boolean) => {
    lines.push({ text, x: x + PADDING, y: top, width: textWidth(text, heading), heading });
    top += LINEAGE_TEXT.lineHeight;
  };
  c.headings.forEach((text) => add(text, true));
  for (const row of c.rows) {
    ports.set(row.key, top + LINEAGE_TEXT.lineHeight / 2);
    row.lines.forEach((text) => add(text, false));
  }
  return { node: { ...c.node, x, y, width, height: boxHeight(c), lines }, ports };
}

const headingMiddle = (n: PlacedNode) => n.y + PADDING + LINEAGE_TEXT.lineHeight / 2;
const kindsPresent = (model: LineageModel) => LINEAGE_KIND_ORDER.filter((kind) => model.nodes.some((n) => n.kind === kind));

function wideLayout(model: LineageModel, { width, rowText }: LineageLayoutOptions): LineageLayout {
  const kinds = kindsPresent(model);
  const fixed = kinds.reduce((sum, kind) => sum + (kind === 'user' ? 0 : COLUMN_WIDTH[kind]), 0);
  const userWidth = Math.min(USER_COLUMN.max, Math.max(USER_COLUMN.min, width - 2 * MARGIN - (kinds.length - 1) * COLUMN_GAP - fixed));
  const columnWidth = (kind: NodeKind) => (kind === 'user' ? userWidth : COLUMN_WIDTH[kind]);
  const columns = kinds.map((kind) => {
    const boxes = model.nodes.filter((n) => n.kind === kind).map((n) => content(model, n, columnWidth(kind), rowText));
    return { kind, boxes, height: boxes.reduce((sum, b) => sum + boxHeight(b), 0) + (boxes.length - 1) * NODE_GAP };
  });
  const tallest = Math.max(...columns.map((c) => c.height));
  const nodes: PlacedNode[] = [];
  const ports = new Map<string, number>();
  let x = MARGIN;
  for (const column of columns) {
    // shorter columns are centred against the tallest
    let y = MARGIN + (tallest - column.height) / 2;
    for (const box of column.boxes) {
      const placed = place(box, x, y, columnWidth(column.kind));
      nodes.push(placed.node);
      placed.ports.forEach((portY, key) => ports.set(key, portY));
      y += placed.node.height + NODE_GAP;
    }
    x += columnWidth(column.kind) + COLUMN_GAP;
  }
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges = model.edges.flatMap((e): PlacedEdge[] => {
    const from = at.get(e.from);
    const to = at.get(e.to);
    if (!from || !to) return [];
    return [{ ...e, points: [{ x: from.x + from.width, y: ports.get(edgeKey(e)) ?? headingMiddle(from) }, { x: to.x, y: headingMiddle(to) }] }];
  });
  return { orientation: 'wide', width: x - COLUMN_GAP + MARGIN, height: tallest + 2 * MARGIN, nodes, edges };
}

function narrowLayout(model: LineageModel, { width, rowText }: LineageLayoutOptions): LineageLayout {
  const drawingWidth = Math.max(NARROW_MIN_WIDTH, width);
  const sources = [...new Set(model.edges.map((e) => e.from))];
  const lanes = Math.max(1, Math.min(MAX_LANES, sources.length));
  const gutter = MARGIN + lanes * LANE_SPACING + LANE_SPACING;
  const boxWidth = drawingWidth - gutter - MARGIN;
  const nodes: PlacedNode[] = [];
  const ports = new Map<string, number>();
  let y = MARGIN;
  for (const kind of kindsPresent(model)) {
    for (const n of model.nodes.filter((node) => node.kind === kind)) {
      const placed = place(content(model, n, boxWidth, rowText), gutter, y, boxWidth);
      nodes.push(placed.node);
      placed.ports.forEach((portY, key) => ports.set(key, portY));
      y += placed.node.height + NODE_GAP;
    }
    y += SECTION_GAP - NODE_GAP;
  }
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges = model.edges.flatMap((e): PlacedEdge[] => {
    const from = at.get(e.from);
    const to = at.get(e.to);
    if (!from || !to) return [];
    // one lane per source, so a node's edges read as one line branching off to its targets
    const lane = MARGIN + LANE_SPACING * (1 + (sources.indexOf(e.from) % lanes));
    const fromY = ports.get(edgeKey(e)) ?? headingMiddle(from);
    return [{ ...e, points: [{ x: from.x, y: fromY }, { x: lane, y: fromY }, { x: lane, y: headingMiddle(to) }, { x: to.x, y: headingMiddle(to) }] }];
  });
  return { orientation: 'narrow', width: drawingWidth, height: y - SECTION_GAP + MARGIN, nodes, edges };
}
