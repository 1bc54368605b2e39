import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/http.ts';
import type { Asset, CatalogPage } from '../../api/types.ts';
import { Badge, statusTone } from '../../components/badge.tsx';
import { formatDate } from '../../components/format.ts';
import { useAsync } from '../../components/use-async.ts';

/** Where an asset stands in its data product: the product's id and version, for assets older than products too. */
export const productOf = (asset: Asset) => asset.product ?? { id: asset.id, version: 1, previousAssetId: null };

/**
 * Every version of the asset's data product, newest first, from the catalog's read model; the
 * owner may publish the next one from the latest, unless the regulator has frozen it.
 */
export function ProductVersions({ asset, mayPublish }: { asset: Asset; mayPublish: boolean }) {
  const { t, i18n } = useTranslation();
  const product = productOf(asset);
  const versions = useAsync(
    (signal) => api<CatalogPage>(`/api/access/catalog?productId=${encodeURIComponent(product.id)}&sort=version&pageSize=100`, { signal }),
    [product.id, asset.updatedAt],
  );
  const listed = versions.data?.assets ?? [];
  const latest = listed[0];
  const isLatest = latest === undefined || latest.id === asset.id;
  return (
    <div className="card" aria-labelledby="product-versions">
      <h2 id="product-versions">{t('asset.versions')}</h2>
      <ul className="versions">
        {listed.map((v) => {
          const number = productOf(v).version;
          return (
            <li key={v.id} aria-current={v.id === asset.id ? 'page' : undefined}>
              {v.id === asset.id ? <strong>{t('asset.versionNumber', { version: number })}</strong> : <Link to={`/catalog/${v.id}`}>{t('asset.versionNumber', { version: number })}</Link>}{' '}
              <span className="muted">{v.title} · {formatDate(v.createdAt, i18n.language)}</span> <Badge tone={statusTone(v.status)}>{t(`assetStatus.${v.status}`)}</Badge>
            </li>
          );
        })}
      </ul>
      {mayPublish && asset.status !== 'frozen' && isLatest && (
        <Link className="button-secondary" to={`/upload?versionOf=${encodeURIComponent(asset.id)}`}>
          {t('asset.publishVersion')}
        </Link>
      )}
    </div>
  );
}
