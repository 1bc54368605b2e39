import { describe, expect, it } from 'vitest';
import { busyLineage, lineageEntry as entry } from './lineage-fixtures.ts';
import { lineageGraph, type LineageEdge } from './lineage-graph.ts';
import { layoutLineage, layoutTexts, type LineageLayout, type PlacedText } from './lineage-layout.ts';
import { LINEAGE_TEXT } from './lineage-text.ts';

const rowText = (e: LineageEdge) => `${e.to.replace(/^request:/, 'request ')}: ${e.actions.join(', ')}`;
const busy = lineageGraph('a1', 'Feeder 12 load curve, November', busyLineage());
const longTitle = `Substation ${'Nordstadt-Umspannwerk-'.repeat(8)}measurements with a very long description in the title`;

const overlaps = (a: PlacedText, b: PlacedText) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + LINEAGE_TEXT.lineHeight && b.y < a.y + LINEAGE_TEXT.lineHeight;

function expectReadable(layout: LineageLayout) {
  const texts = layoutTexts(layout);
  texts.forEach((a, i) =>
    texts.slice(i + 1).forEach((b) => {
      if (overlaps(a, b)) throw new Error(`"${a.text}" overlaps "${b.text}"`);
    }),
  );
  for (const t of texts) {
    expect(t.x).toBeGreaterThanOrEqual(0);
    expect(t.y).toBeGreaterThanOrEqual(0);
    expect(t.x + t.width).toBeLessThanOrEqual(layout.width);
    expect(t.y + LINEAGE_TEXT.lineHeight).toBeLessThanOrEqual(layout.height);
  }
  // every line inside its own box, so boxes never hide each other's text
  for (const n of layout.nodes) for (const t of n.lines) expect(t.x + t.width).toBeLessThanOrEqual(n.x + n.width);
}

describe('layoutLineage at 1280 px', () => {
  const layout = layoutLineage(busy, { width: 1280, rowText });

  it('draws one column per kind, left to right, within the width', () => {
    expect(layout.orientation).toBe('wide');
    const x = (kind: string) => new Set(layout.nodes.filter((n) => n.kind === kind).map((n) => n.x));
    const columns = ['organisation', 'user', 'request', 'asset'].map(x);
    for (const column of columns) expect(column.size).toBe(1);
    const lefts = columns.map((c) => [...c][0] ?? Number.NaN);
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
    expect(layout.width).toBeLessThanOrEqual(1280);
  });

  it('overlaps no labels, even with many actions across several signers and requests', () => {
    expect(busy.edges.filter((e) => e.actions.length > 0).length).toBeGreaterThan(10);
    expectReadable(layout);
  });

  it('writes every action of an edge in its signer’s box, where the edge starts', () => {
    const owner = layout.nodes.find((n) => n.id === 'user:owner-0000-0001');
    const rows = owner?.lines.filter((l) => !l.heading).map((l) => l.text).join(' ') ?? '';
    expect(rows).toContain('RequestOwnerApproved');
    expect(rows).toContain('GrantRevoked');
    for (const e of layout.edges.filter((edge) => edge.from === owner?.id)) expect(e.points[0]?.x).toBe((owner?.x ?? 0) + (owner?.width ?? 0));
  });
});

describe('layoutLineage on a phone (390 px)', () => {
  const layout = layoutLineage(busy, { width: 358, rowText });

  it('stacks the kinds top to bottom in boxes as wide as the screen allows', () => {
    expect(layout.orientation).toBe('narrow');
    expect(layout.width).toBeLessThanOrEqual(358);
    const order = ['organisation', 'user', 'request', 'asset'];
    const kinds = [...layout.nodes].sort((a, b) => a.y - b.y).map((n) => order.indexOf(n.kind));
    expect([...kinds].sort((a, b) => a - b)).toEqual(kinds);
    expect(new Set(layout.nodes.map((n) => n.x + n.width)).size).toBe(1);
  });

  it('overlaps no labels and keeps them inside the drawing', () => {
    expectReadable(layout);
  });

  it('runs every edge downwards, outside the boxes', () => {
    for (const e of layout.edges) {
      const [start, lane, turn, end] = e.points;
      expect(lane?.x).toBeLessThan(start?.x ?? 0);
      expect(turn?.y).toBeGreaterThan(start?.y ?? 0);
      expect(end?.y).toBe(turn?.y);
    }
  });
});

describe('long titles', () => {
  const graph = lineageGraph('a1', longTitle, [entry('AssetRegistered', 'GridMSP', 'owner-1', null)]);

  it.each([1280, 390])('are wrapped and cut with … inside the asset box at %i px, the whole title kept for the tooltip', (width) => {
    const layout = layoutLineage(graph, { width, rowText });
    const asset = layout.nodes.find((n) => n.kind === 'asset');
    const headings = asset?.lines.filter((l) => l.heading) ?? [];
    expect(headings.length).toBeGreaterThan(1);
    expect(headings.at(-1)?.text.endsWith('…')).toBe(true);
    expect(asset?.title).toBe(longTitle);
    expectReadable(layout);
  });
});
