import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LineageEntry } from '../../api/types.ts';

interface PublishedVersion {
  product?: { id: string; version: number; previousAssetId: string | null };
}

/**
 * What a registration in the lineage says about the data product: the version it published and
 * the one it follows, and how many subscriptions it reached; nothing for an asset that starts
 * a product.
 */
export function VersionFacts({ entry }: { entry: LineageEntry }) {
  const { t } = useTranslation();
  if (entry.action !== 'AssetRegistered') return null;
  const asset = entry.data['asset'] as PublishedVersion | undefined;
  const product = asset?.product;
  if (!product?.previousAssetId) return null;
  const delivered = Array.isArray(entry.data['deliveries']) ? entry.data['deliveries'].length : 0;
  const withheld = Array.isArray(entry.data['withheld']) ? entry.data['withheld'].length : 0;
  return (
    <span className="small" data-testid="version-facts">
      {t('asset.versionNumber', { version: product.version })} · <Link to={`/catalog/${product.previousAssetId}`}>{t('lineage.follows', { version: product.version - 1 })}</Link>
      {delivered + withheld > 0 && <> · {t('lineage.deliveries', { delivered, withheld })}</>}
    </span>
  );
}
