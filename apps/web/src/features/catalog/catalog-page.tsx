import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../api/http.ts';
import { ASSET_CATEGORIES, ASSET_STATUSES, SENSITIVITIES } from '@gridledger/domain';
import type { CatalogPage as CatalogResults, Organization } from '../../api/types.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { Badge, sensitivityTone, statusTone } from '../../components/badge.tsx';
import { formatBytes, formatDate, shortId } from '../../components/format.ts';
import { useAsync } from '../../components/use-async.ts';
import { useUserNames } from '../directory/use-user-names.ts';

const PAGE_SIZES = [20, 50, 100] as const;
export type CatalogSort = 'newest' | 'title' | 'priceAsc' | 'priceDesc' | 'size';
const SORTS: { value: CatalogSort; label: 'catalog.sortNewest' | 'catalog.sortTitle' | 'catalog.sortPriceAsc' | 'catalog.sortPriceDesc' | 'catalog.sortSize' }[] = [
  { value: 'newest', label: 'catalog.sortNewest' },
  { value: 'title', label: 'catalog.sortTitle' },
  { value: 'priceAsc', label: 'catalog.sortPriceAsc' },
  { value: 'priceDesc', label: 'catalog.sortPriceDesc' },
  { value: 'size', label: 'catalog.sortSize' },
];

/** The asset catalog: metadata only, searched, filtered, sorted and paged by the access-policy service. Filters live in the URL, so a view can be shared. */
export function CatalogPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const filters = {
    q: params.get('q') ?? '',
    category: params.get('category') ?? '',
    sensitivity: params.get('sensitivity') ?? '',
    mspId: params.get('org') ?? '',
    status: params.get('status') ?? '',
    minPrice: params.get('min') ?? '',
    maxPrice: params.get('max') ?? '',
  };
  const sort = (params.get('sort') as CatalogSort | null) ?? 'newest';
  const pageSize = PAGE_SIZES.find((s) => String(s) === params.get('size')) ?? PAGE_SIZES[0];
  const pageNumber = Math.max(1, Number(params.get('page')) || 1);
  const page = useAsync(
    (signal) => api<CatalogResults>(`/api/access/catalog${query({ ...filters, sort, pageSize, page: pageNumber })}`, { signal }),
    [filters.q, filters.category, filters.sensitivity, filters.mspId, filters.status, filters.minPrice, filters.maxPrice, sort, pageSize, pageNumber],
  );
  const organizations = useAsync((signal) => api<Organization[]>('/api/identity/organizations', { signal }), []);
  const rows = page.data?.assets ?? [];
  const owners = useUserNames(rows.map((a) => a.owner.uid));
  const pages = page.data ? Math.max(1, Math.ceil(page.data.total / pageSize)) : 1;

  const set = (key: string, value: string) => {
    // from the latest change, not this render's params: the router applies a navigation as a
    // transition, so two quick changes would otherwise build on the same stale params
    const next = new URLSearchParams(latest.current);
    if (value) next.set(key, value);
    else next.delete(key);
    // a new filter or order starts again at the first page
    if (key !== 'page') next.delete('page');
    latest.current = next;
    setParams(next, { replace: true });
  };

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">{t('catalog.title')}</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field grow">
          <label htmlFor="f-search">{t('catalog.search')}</label>
          <input id="f-search" type="search" value={filters.q} onChange={(e) => set('q', e.target.value)} />
        </div>
        <Select id="f-category" label={t('catalog.category')} value={filters.category} onChange={(v) => set('category', v)} options={ASSET_CATEGORIES.map((c) => [c, t(`category.${c}`)])} />
        <Select id="f-sensitivity" label={t('catalog.sensitivity')} value={filters.sensitivity} onChange={(v) => set('sensitivity', v)} options={SENSITIVITIES.map((s) => [s, t(`sensitivity.${s}`)])} />
        <Select id="f-org" label={t('catalog.organisation')} value={filters.mspId} onChange={(v) => set('org', v)} options={(organizations.data ?? []).map((o) => [o.mspId, o.name])} />
        <Select id="f-status" label={t('catalog.status')} value={filters.status} onChange={(v) => set('status', v)} options={ASSET_STATUSES.map((s) => [s, t(`assetStatus.${s}`)])} />
        <div className="field narrow">
          <label htmlFor="f-min">{t('catalog.priceMin')}</label>
          <input id="f-min" type="number" min={0} inputMode="numeric" value={params.get('min') ?? ''} onChange={(e) => set('min', e.target.value)} />
        </div>
        <div className="field narrow">
          <label htmlFor="f-max">{t('catalog.priceMax')}</label>
          <input id="f-max" type="number" min={0} inputMode="numeric" value={params.get('max') ?? ''} onChange={(e) => set('max', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-sort">{t('catalog.sort')}</label>
          <select id="f-sort" value={sort} onChange={(e) => set('sort', e.target.value)}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <AsyncView state={page}>
        {() =>
          rows.length === 0 ? (
            <p className="empty">{t('catalog.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table aria-describedby="catalog-title">
                <caption className="visually-hidden">{t('catalog.results', { count: page.data?.total ?? 0 })}</caption>
                <thead>
                  <tr>
                    <SortHeader label={t('catalog.columns.title')} sort={sort} by={['title']} onSort={(s) => set('sort', s)} />
                    <th scope="col">{t('catalog.columns.category')}</th>
                    <th scope="col">{t('catalog.columns.sensitivity')}</th>
                    <th scope="col">{t('catalog.columns.owner')}</th>
                    <SortHeader label={t('catalog.columns.price')} sort={sort} by={['priceAsc', 'priceDesc']} onSort={(s) => set('sort', s)} numeric />
                    <SortHeader label={t('catalog.columns.size')} sort={sort} by={['size']} onSort={(s) => set('sort', s)} numeric />
                    <th scope="col">{t('catalog.columns.status')}</th>
                    <SortHeader label={t('catalog.columns.created')} sort={sort} by={['newest']} onSort={(s) => set('sort', s)} />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/catalog/${a.id}`}>{a.title}</Link>
                      </td>
                      <td>{t(`category.${a.category as 'other'}`, { defaultValue: a.category })}</td>
                      <td>
                        <Badge tone={sensitivityTone(a.sensitivity)}>{t(`sensitivity.${a.sensitivity}`)}</Badge>
                      </td>
                      <td title={`${a.owner.mspId} · ${a.owner.uid}`}>
                        {owners.get(a.owner.uid) ? `${owners.get(a.owner.uid)?.displayName} · ${owners.get(a.owner.uid)?.organizationName}` : `${a.owner.mspId} · ${shortId(a.owner.uid)}`}
                      </td>
                      <td className="num">{a.priceCredits}</td>
                      <td className="num">{formatBytes(a.sizeBytes)}</td>
                      <td>
                        <Badge tone={statusTone(a.status)}>{t(`assetStatus.${a.status}`)}</Badge>
                      </td>
                      <td>{formatDate(a.createdAt, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AsyncView>
      <div className="pager">
        <button type="button" className="button-secondary" disabled={pageNumber <= 1} onClick={() => set('page', String(pageNumber - 1))}>
          {t('common.previous')}
        </button>
        <span>{t('catalog.pageOf', { page: pageNumber, pages })}</span>
        <label className="row">
          {t('catalog.pageSize')}
          <select value={pageSize} onChange={(e) => set('size', e.target.value)}>
            {PAGE_SIZES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="button" className="button-secondary" disabled={!page.data || pageNumber >= pages} onClick={() => set('page', String(pageNumber + 1))}>
          {t('common.next')}
        </button>
      </div>
    </section>
  );
}

function Select({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (value: string) => void; options: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('catalog.any')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A column header that sorts by its column: a button inside the header, so it is reached with
 * Tab and announced with its order (aria-sort). A second press on price turns the order round.
 */
function SortHeader({ label, sort, by, onSort, numeric = false }: { label: string; sort: CatalogSort; by: [CatalogSort, ...CatalogSort[]]; onSort: (sort: CatalogSort) => void; numeric?: boolean }) {
  const active = by.includes(sort);
  const ascending = sort === 'title' || sort === 'priceAsc';
  const next = active && by.length > 1 ? (by.find((s) => s !== sort) ?? by[0]) : by[0];
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true">{active ? (ascending ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
}
