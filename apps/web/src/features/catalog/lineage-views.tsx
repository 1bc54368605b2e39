import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineageEntry } from '../../api/types.ts';
import { formatDate, shortId } from '../../components/format.ts';
import { LINEAGE_KIND_ORDER, lineageGraph, type LineageEdge, type NodeKind } from './lineage-graph.ts';
import { layoutLineage, WIDE_LAYOUT_MIN_WIDTH, type LineageLayout, type PlacedEdge } from './lineage-layout.ts';
import { LINEAGE_TEXT } from './lineage-text.ts';
import { useElementWidth } from './use-element-width.ts';
import { VersionFacts } from './version-facts.tsx';

export function useActionName(): (action: string) => string {
  const { t } = useTranslation();
  return (action) => t(`lineageAction.${action as 'AssetRegistered'}`, { defaultValue: action });
}

/** Everything that happened to the asset, oldest first, each with who signed it and the transaction. */
export function LineageTimeline({ entries }: { entries: readonly LineageEntry[] }) {
  const { i18n } = useTranslation();
  const actionName = useActionName();
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={`${e.txId}-${e.action}`}>
          <time dateTime={e.timestamp}>{formatDate(e.timestamp, i18n.language)}</time>
          <strong>{actionName(e.action)}</strong>
          <span>
            {e.signer.mspId} · {e.signer.role} · <span title={e.signer.uid}>{shortId(e.signer.uid)}</span>
          </span>
          <code title={e.txId}>tx {shortId(e.txId, 12)}</code>
          <VersionFacts entry={e} />
          {e.action === 'RegulatorNoteAdded' && typeof e.data['text'] === 'string' && <blockquote className="note-text">{e.data['text']}</blockquote>}
        </li>
      ))}
    </ol>
  );
}

const KIND_CLASS: Record<NodeKind, string> = { organisation: 'node-org', user: 'node-user', request: 'node-request', asset: 'node-asset' };

/** An SVG path through the edge's points: a gentle curve between columns, right angles down the narrow gutter. */
function edgePath(layout: LineageLayout, points: PlacedEdge['points']): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const last = rest[rest.length - 1];
  if (layout.orientation === 'wide' && last && rest.length === 1) {
    const bend = (last.x - first.x) / 2;
    return `M${first.x} ${first.y} C${first.x + bend} ${first.y} ${last.x - bend} ${last.y} ${last.x} ${last.y}`;
  }
  return `M${first.x} ${first.y}${rest.map((p) => ` L${p.x} ${p.y}`).join('')}`;
}

/**
 * The same lineage drawn as a graph (SVG); its text alternative is the timeline beside it. The
 * layout follows the width it is given (a test's) or measures its container, so the text keeps
 * its size from a phone to a wide screen.
 */
export function LineageGraph({ assetId, title, entries, width }: { assetId: string; title: string; entries: readonly LineageEntry[]; width?: number }) {
  const { t } = useTranslation();
  const actionName = useActionName();
  const wrap = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(wrap, typeof window === 'undefined' ? WIDE_LAYOUT_MIN_WIDTH : window.innerWidth);
  // useId's punctuation would need escaping inside url(#…)
  const arrow = `lineage-arrow-${useId().replace(/[^\w-]/g, '')}`;
  const model = lineageGraph(assetId, title, entries);
  const nodeById = new Map(model.nodes.map((n) => [n.id, n]));
  const rowText = (e: LineageEdge) => {
    const target = nodeById.get(e.to);
    const where = target?.kind === 'request' ? t('asset.graphRequest', { id: target.label }) : t('asset.graphThisAsset');
    return t('asset.graphRow', { target: where, actions: e.actions.map(actionName).join(', ') });
  };
  const layout = layoutLineage(model, { width: width ?? measured, rowText });
  return (
    <div className="graph-wrap" ref={wrap}>
      <svg role="img" aria-label={t('asset.graphLabel')} viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" style={{ maxWidth: layout.width }} className={`lineage-graph lineage-${layout.orientation}`} data-orientation={layout.orientation}>
        <defs>
          <marker id={arrow} viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0 0 L8 4 L0 8 z" className="edge-arrow" />
          </marker>
        </defs>
        {layout.edges.map((e) => (
          <path key={`${e.from}-${e.to}`} d={edgePath(layout, e.points)} className="edge" markerEnd={`url(#${arrow})`} />
        ))}
        {layout.nodes.map((n) => (
          <g key={n.id} className={KIND_CLASS[n.kind]}>
            <title>{n.title}</title>
            <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={8} />
            {n.lines.map((line, i) => (
              // the baseline sits a quarter line above the line's bottom, so descenders stay inside it
              <text key={i} x={line.x} y={line.y + LINEAGE_TEXT.lineHeight * 0.75} className={line.heading ? 'node-name' : 'node-actions'}>
                {line.text}
              </text>
            ))}
          </g>
        ))}
      </svg>
      <ul className="graph-legend">
        {LINEAGE_KIND_ORDER.map((kind) => (
          <li key={kind} className={KIND_CLASS[kind]}>
            {t(`asset.graphKind.${kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
