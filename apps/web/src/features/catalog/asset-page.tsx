import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isRegulator } from '@gridledger/domain';
import { ApiError, sentence } from '../../api/api-error.ts';
import { api } from '../../api/http.ts';
import type { Asset, FileRecord, LineageEntry } from '../../api/types.ts';
import { AsyncView, Loading } from '../../components/async-view.tsx';
import { Badge, sensitivityTone, statusTone } from '../../components/badge.tsx';
import { formatBytes, formatDate, formatDuration } from '../../components/format.ts';
import { ReasonAction } from '../../components/reason-action.tsx';
import { useAsync } from '../../components/use-async.ts';
import { useUser } from '../../session/session-context.tsx';
import { mayRequest } from '../consumer/may-request.ts';
import { RequestAccessForm } from '../consumer/request-access-form.tsx';
import { DetailsEditor } from '../owner/details-editor.tsx';
import { KeyRotation } from '../owner/key-rotation.tsx';
import { PolicyEditor } from '../owner/policy-editor.tsx';
import { LineageGraph, LineageTimeline } from './lineage-views.tsx';
import { ProductVersions, productOf } from './product-versions.tsx';

/** One asset: metadata, its on-chain record, policy and lineage, and what the signed-in role may do with it. */
export function AssetPage() {
  const { t, i18n } = useTranslation();
  const { assetId = '' } = useParams();
  const user = useUser();
  const asset = useAsync((signal) => api<Asset>(`/api/ledger/assets/${assetId}`, { signal }), [assetId]);
  // the storage record knows the anchoring transaction's block; an asset stored elsewhere has none
  const file = useAsync((signal) => api<FileRecord>(`/api/storage/files/${assetId}`, { signal }).catch(() => null), [assetId]);
  // the access-policy service spells the policy out as the rules a requester meets; optional
  const rules = useAsync((signal) => api<{ rules: string[] }>(`/api/access/assets/${assetId}/policy`, { signal }).catch(() => null), [assetId]);
  const lineage = useAsync((signal) => api<{ entries: LineageEntry[] }>(`/api/ledger/assets/${assetId}/lineage`, { signal }), [assetId]);

  if (asset.status === 'error' && asset.error instanceof ApiError && asset.error.status === 404) {
    return (
      <section>
        <p className="notice notice-error" role="alert">{t('asset.notFound', { id: assetId })}</p>
        <Link to="/catalog">{t('asset.back')}</Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="asset-title">
      <Link to="/catalog">← {t('asset.back')}</Link>
      <AsyncView state={asset}>
        {(a) => {
          const isOwner = a.owner.uid === user.id;
          const registered = lineage.data?.entries.find((e) => e.action === 'AssetRegistered');
          return (
            <>
              <div className="row spread">
                <h1 id="asset-title">{a.title}</h1>
                <div className="row">
                  <Badge tone={sensitivityTone(a.sensitivity)}>{t(`sensitivity.${a.sensitivity}`)}</Badge>
                  <Badge tone={statusTone(a.status)}>{t(`assetStatus.${a.status}`)}</Badge>
                </div>
              </div>
              <div className="grid-2">
                <div className="card">
                  <h2>{t('asset.metadata')}</h2>
                  <dl className="facts">
                    <dt>{t('asset.description')}</dt>
                    <dd>{a.description || '—'}</dd>
                    <dt>{t('asset.version')}</dt>
                    <dd data-testid="asset-version">{t('asset.versionNumber', { version: productOf(a).version })}</dd>
                    <dt>{t('asset.category')}</dt>
                    <dd>{t(`category.${a.category as 'other'}`, { defaultValue: a.category })}</dd>
                    <dt>{t('asset.owner')}</dt>
                    <dd>
                      {a.owner.mspId} · <code>{a.owner.uid}</code>
                    </dd>
                    <dt>{t('asset.price')}</dt>
                    <dd>{t('common.credits', { count: a.priceCredits })}</dd>
                    <dt>{t('asset.size')}</dt>
                    <dd>{formatBytes(a.sizeBytes)}</dd>
                    <dt>{t('asset.created')}</dt>
                    <dd>{formatDate(a.createdAt, i18n.language)}</dd>
                    <dt>{t('asset.updated')}</dt>
                    <dd>{formatDate(a.updatedAt, i18n.language)}</dd>
                  </dl>
                </div>
                <div className="card">
                  <h2>{t('asset.onChain')}</h2>
                  <dl className="facts mono">
                    <dt>{t('asset.txId')}</dt>
                    <dd data-testid="asset-tx">{file.data?.txId ?? registered?.txId ?? '—'}</dd>
                    <dt>{t('asset.block')}</dt>
                    <dd data-testid="asset-block">{file.data?.blockNumber ?? '—'}</dd>
                    <dt>{t('asset.cid')}</dt>
                    <dd>{a.cid}</dd>
                    <dt>{t('asset.plaintextSha256')}</dt>
                    <dd>{a.plaintextSha256}</dd>
                    <dt>{t('asset.ciphertextSha256')}</dt>
                    <dd>{a.ciphertextSha256}</dd>
                    <dt>{t('asset.scheme')}</dt>
                    <dd>{a.encryptionScheme}</dd>
                    <dt>{t('asset.keyVersion')}</dt>
                    <dd>{a.keyVersion}</dd>
                  </dl>
                </div>
              </div>
              <div className="grid-2">
                <div className="card">
                  <h2>{t('asset.policy')}</h2>
                  <dl className="facts">
                    <dt>{t('asset.allowedOrgs')}</dt>
                    <dd>{a.policy.allowedOrgs.join(', ') || t('common.none')}</dd>
                    <dt>{t('asset.allowedRoles')}</dt>
                    <dd>{a.policy.allowedRoles.map((r) => t(`roles.${r}`)).join(', ') || t('common.none')}</dd>
                    <dt>{t('asset.allowedPurposes')}</dt>
                    <dd>{a.policy.allowedPurposes.join(', ') || t('common.none')}</dd>
                    <dt>{t('asset.maxDuration')}</dt>
                    <dd>{formatDuration(a.policy.maxDurationSeconds, t)}</dd>
                    <dt>{t('asset.maxDownloads')}</dt>
                    <dd>{a.policy.maxDownloads}</dd>
                  </dl>
                  {rules.data && rules.data.rules.length > 0 && (
                    <ul className="rules" aria-label={t('asset.rules')}>
                      {rules.data.rules.map((rule) => (
                        <li key={rule}>{sentence(rule)}</li>
                      ))}
                    </ul>
                  )}
                  {/* the chaincode refuses these on a frozen or retired asset, so they are not offered there */}
                  {isOwner && user.role === 'owner' && a.status === 'active' && (
                    <>
                      <DetailsEditor asset={a} onSaved={() => (asset.reload(), lineage.reload())} />
                      <PolicyEditor assetId={a.id} policy={a.policy} onSaved={asset.reload} />
                      <KeyRotation assetId={a.id} onRotated={() => (asset.reload(), lineage.reload())} />
                      <ReasonAction label={t('owner.retire')} tone="danger" onSubmit={(reason) => api(`/api/access/assets/${a.id}/retire`, { method: 'POST', body: { reason } })} onDone={() => (asset.reload(), lineage.reload())} />
                    </>
                  )}
                  {isOwner && user.role === 'owner' && a.status !== 'active' && <p className="notice">{t(`asset.closedToOwner.${a.status}`)}</p>}
                </div>
                <div className="stack">
                  {user.role === 'consumer' && a.status === 'active' && (mayRequest(a.policy, user) === 'ok' ? (
                    <RequestAccessForm asset={a} />
                  ) : (
                    <p className="notice notice-error">{mayRequest(a.policy, user) === 'organisation' ? t('asset.orgNotAllowed', { mspId: user.mspId }) : t('asset.roleNotAllowed')}</p>
                  ))}
                  {isRegulator(user.role, user.mspId) && (
                    <div className="card row">
                      {a.status === 'frozen' ? (
                        <ReasonAction label={t('asset.unfreeze')} onSubmit={(reason) => api(`/api/access/supervision/assets/${a.id}/unfreeze`, { method: 'POST', body: { reason } })} onDone={asset.reload} />
                      ) : (
                        <ReasonAction label={t('asset.freeze')} tone="danger" onSubmit={(reason) => api(`/api/access/supervision/assets/${a.id}/freeze`, { method: 'POST', body: { reason } })} onDone={asset.reload} />
                      )}
                    </div>
                  )}
                </div>
              </div>
              <ProductVersions asset={a} mayPublish={isOwner && user.role === 'owner'} />
              <div className="card">
                <h2>{t('asset.lineage')}</h2>
                {lineage.status === 'loading' && !lineage.data ? (
                  <Loading />
                ) : (
                  <AsyncView state={lineage} empty={t('asset.noLineage')} isEmpty={(l) => l.entries.length === 0}>
                    {(l) => (
                      <div className="stack">
                        <div>
                          <h3>{t('asset.timeline')}</h3>
                          <LineageTimeline entries={l.entries} />
                        </div>
                        <div>
                          <h3>{t('asset.graph')}</h3>
                          <LineageGraph assetId={a.id} title={a.title} entries={l.entries} />
                        </div>
                      </div>
                    )}
                  </AsyncView>
                )}
              </div>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
