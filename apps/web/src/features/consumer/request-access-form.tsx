import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { Asset, RequestView } from '../../api/types.ts';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { MAX_SUBSCRIPTION_VERSIONS } from '@gridledger/domain';

/** How many versions a subscription pays for, or NaN if the field is not a whole number in range. */
export const versionCount = (text: string): number => {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  return n >= 1 && n <= MAX_SUBSCRIPTION_VERSIONS ? n : Number.NaN;
};

/**
 * A consumer asks for an asset: a purpose the policy allows and a duration within its limit. The
 * price goes into escrow; a subscription holds it for each version it pays for (EVENTS.md).
 */
export function RequestAccessForm({ asset }: { asset: Asset }) {
  const { t } = useTranslation();
  const maxDays = Math.max(1, Math.floor(asset.policy.maxDurationSeconds / 86_400));
  const [purpose, setPurpose] = useState(asset.policy.allowedPurposes[0] ?? '');
  const [days, setDays] = useState(String(Math.min(7, maxDays)));
  const [publicKey, setPublicKey] = useState('');
  const [subscribe, setSubscribe] = useState(false);
  const [versions, setVersions] = useState('3');
  const [problem, setProblem] = useState<'purpose' | 'duration' | 'versions' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<RequestView | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = /^\d+$/.test(days) ? Number(days) : Number.NaN;
    if (!purpose.trim()) return setProblem('purpose');
    if (!(n >= 1 && n <= maxDays)) return setProblem('duration');
    const count = subscribe ? versionCount(versions) : 1;
    if (!(count >= 1)) return setProblem('versions');
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      setSent(await api<RequestView>('/api/access/requests', { method: 'POST', body: { assetId: asset.id, purpose: purpose.trim(), durationSeconds: n * 86_400, ...(publicKey.trim() ? { recipientPublicKey: publicKey.trim() } : {}), ...(subscribe ? { subscription: { versions: count } } : {}) } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (sent) return <SuccessNotice>{t('consumer.sent')}</SuccessNotice>;
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-labelledby="request-title">
      <h3 id="request-title">{t('consumer.requestTitle', { title: asset.title })}</h3>
      <div className="field">
        <label htmlFor="req-purpose">{t('consumer.purpose')}</label>
        {asset.policy.allowedPurposes.length > 0 ? (
          <select id="req-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            {asset.policy.allowedPurposes.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        ) : (
          <input id="req-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} aria-invalid={problem === 'purpose'} />
        )}
        {problem === 'purpose' && <span className="field-error">{t('consumer.purposeRequired')}</span>}
      </div>
      <div className="field">
        <label htmlFor="req-days">{t('consumer.durationDays')}</label>
        <input id="req-days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={problem === 'duration'} aria-describedby="req-days-error" />
        {problem === 'duration' && (
          <span className="field-error" id="req-days-error">
            {t('consumer.durationInvalid', { max: maxDays })}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="req-key">{t('consumer.publicKey')}</label>
        <textarea id="req-key" rows={3} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} aria-describedby="req-key-help" />
        <span className="muted small" id="req-key-help">
          {t('consumer.publicKeyHelp')}
        </span>
      </div>
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={subscribe} onChange={(e) => setSubscribe(e.target.checked)} /> {t('consumer.subscribe')}
        </label>
        {subscribe && (
          <>
            <label htmlFor="req-versions">{t('consumer.versions')}</label>
            <input id="req-versions" inputMode="numeric" value={versions} onChange={(e) => setVersions(e.target.value)} aria-invalid={problem === 'versions'} aria-describedby="req-versions-help" />
            <span className="muted small" id="req-versions-help">
              {problem === 'versions' ? <span className="field-error">{t('consumer.versionsInvalid', { max: MAX_SUBSCRIPTION_VERSIONS })}</span> : t('consumer.subscriptionHelp')}
            </span>
          </>
        )}
      </div>
      <p className="muted" data-testid="request-price">
        {subscribe && versionCount(versions) >= 1
          ? t('consumer.subscriptionPrice', { total: asset.priceCredits * versionCount(versions), installment: asset.priceCredits, versions: versionCount(versions) })
          : t('common.credits', { count: asset.priceCredits })}
      </p>
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" className="button-primary" disabled={busy}>
        {t('consumer.send')}
      </button>
    </form>
  );
}
