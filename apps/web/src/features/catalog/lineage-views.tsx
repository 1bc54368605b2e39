import { useTranslation } from 'react-i18next';
import type { LineageEntry } from '../../api/types.ts';
import { formatDate, shortId } from '../../components/format.ts';
import { lineageGraph, type NodeKind } from './lineage-graph.ts';

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
          {e.action === 'RegulatorNoteAdded' && typeof e.data['text'] === 'string' && <blockquote className="note-text">{e.data['text']}</blockquote>}
        </li>
      ))}
    </ol>
  );
}

const KIND_CLASS: Record<NodeKind, string> = { organisation: 'node-org', user: 'node-user', request: 'node-request', asset: 'node-asset' };

/** The same lineage drawn as a graph (SVG); its text alternative is the timeline beside it. */
export function LineageGraph({ assetId, title, entries }: { assetId: string; title: string; entries: readonly LineageEntry[] }) {
  const { t } = useTranslation();
  const actionName = useActionName();
  const graph = lineageGraph(assetId, title, entries);
  const at = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <div className="graph-wrap">
      <svg role="img" aria-label={t('asset.graphLabel')} viewBox={`0 0 ${graph.width} ${graph.height}`} width={graph.width} height={graph.height} className="lineage-graph" preserveAspectRatio="xMinYMin meet">
        {graph.edges.map((e) => {
          const from = at.get(e.from);
          const to = at.get(e.to);
          if (!from || !to) return null;
          return (
            <g key={`${e.from}-${e.to}`}>
              <line x1={from.x + 60} y1={from.y} x2={to.x - 60} y2={to.y} className="edge" />
              {e.actions.length > 0 && (
                <text x={(from.x + to.x) / 2} y={(from.y + to.y) / 2 - 6} className="edge-label" textAnchor="middle">
                  {e.actions.map(actionName).join(', ')}
                </text>
              )}
            </g>
          );
        })}
        {graph.nodes.map((n) => (
          <g key={n.id} className={KIND_CLASS[n.kind]}>
            <rect x={n.x - 60} y={n.y - 16} width={120} height={32} rx={8} />
            <text x={n.x} y={n.y + 4} textAnchor="middle">
              {n.label.length > 18 ? `${n.label.slice(0, 17)}…` : n.label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
