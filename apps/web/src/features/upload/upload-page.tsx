import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http.ts';
import type { FileRecord, UploadProgress } from '../../api/types.ts';
import { Badge, statusTone } from '../../components/badge.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { formatBytes } from '../../components/format.ts';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { AssetClassFields } from '../owner/asset-class-fields.tsx';
import { PolicyFields } from '../owner/policy-fields.tsx';
import { DEFAULT_POLICY_DRAFT, draftOf } from '../owner/policy-form.ts';
import { productOf } from '../catalog/product-versions.tsx';
import { sendUpload } from './send-upload.ts';
import { parseUpload, type UploadDraft, type UploadProblem } from './upload-form.ts';
import { usePreviousVersion } from './use-previous-version.ts';

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending'; sent: number; total: number; stage: UploadProgress['stage'] | null }
  | { kind: 'stored'; record: FileRecord }
  | { kind: 'failed'; error: unknown };

const POLL_MS = 1000;

/** Owner: describe a file, send it with a real progress bar, then watch it go from pending to anchored without a reload. */
export function UploadPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<UploadDraft>({ title: '', description: '', category: 'load-curve', sensitivity: 'internal', price: '0', file: null, policy: DEFAULT_POLICY_DRAFT });
  const [problems, setProblems] = useState<UploadProblem[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const abort = useRef<(() => void) | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [params] = useSearchParams();
  const previous = usePreviousVersion(params.get('versionOf'), (p) =>
    setDraft((d) => ({ ...d, title: p.title, description: p.description, category: p.category, sensitivity: p.sensitivity, price: String(p.priceCredits), policy: draftOf(p.policy), versionOf: p.id })),
  );

  useEffect(() => () => abort.current?.(), []);

  // while the chain has not confirmed, ask the storage service again; stop once anchored or rejected
  const record = phase.kind === 'stored' ? phase.record : null;
  useEffect(() => {
    if (!record || record.status !== 'pending') return;
    const timer = setTimeout(() => {
      api<FileRecord>(`/api/storage/files/${record.assetId}`).then(
        (next) => setPhase({ kind: 'stored', record: next }),
        () => setPhase({ kind: 'stored', record: { ...record } }),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [record]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseUpload(draft);
    if ('problems' in parsed) return setProblems(parsed.problems);
    setProblems([]);
    const uploadId = crypto.randomUUID();
    setPhase({ kind: 'sending', sent: 0, total: parsed.file.size, stage: null });
    const upload = sendUpload(parsed.metadata, parsed.file, uploadId, (sent, total) => setPhase((p) => (p.kind === 'sending' ? { ...p, sent, total } : p)));
    abort.current = upload.abort;
    // the server's own stage (pinning, registering) once the bytes are across
    const stages = setInterval(() => {
      api<UploadProgress>(`/api/storage/uploads/${uploadId}`).then(
        (progress) => setPhase((p) => (p.kind === 'sending' ? { ...p, stage: progress.stage } : p)),
        () => undefined,
      );
    }, POLL_MS);
    try {
      setPhase({ kind: 'stored', record: await upload.done });
    } catch (error) {
      setPhase({ kind: 'failed', error });
    } finally {
      clearInterval(stages);
      abort.current = null;
    }
  };

  const invalid = (p: UploadProblem) => problems.includes(p);
  const fieldError = (p: 'title' | 'price' | 'file') =>
    invalid(p) ? (
      <span className="field-error" id={`up-${p}-error`}>
        {t(`upload.invalid.${p}`)}
      </span>
    ) : null;

  if (phase.kind === 'sending') {
    const allSent = phase.sent >= phase.total;
    return (
      <section aria-labelledby="upload-title">
        <h1 id="upload-title">{t('upload.title')}</h1>
        <div className="card stack" aria-live="polite">
          <ProgressBar label={t('upload.stage.sending', { done: formatBytes(phase.sent), total: formatBytes(phase.total) })} value={phase.sent} max={Math.max(1, phase.total)} />
          {allSent && <ProgressBar label={t(`upload.stage.${phase.stage ?? 'receiving'}`)} value={null} />}
        </div>
      </section>
    );
  }

  if (phase.kind === 'stored') {
    const r = phase.record;
    return (
      <section aria-labelledby="upload-title">
        <h1 id="upload-title">{t('upload.title')}</h1>
        <div className="card stack" aria-live="polite">
          <div className="row">
            <strong>{r.title}</strong>
            <Badge tone={statusTone(r.status)}>{r.status}</Badge>
          </div>
          {r.status === 'pending' && <ProgressBar label={t('upload.status.pending')} value={null} />}
          {r.status === 'anchored' && <SuccessNotice>{t('upload.status.anchored', { block: r.blockNumber ?? '?' })}</SuccessNotice>}
          {r.status === 'rejected' && <ErrorNotice error={new Error(t('upload.status.rejected', { reason: JSON.stringify(r.rejection) }))} />}
          <dl className="facts mono">
            <dt>{t('asset.cid')}</dt>
            <dd>{r.cid}</dd>
            <dt>{t('asset.txId')}</dt>
            <dd>{r.txId ?? '—'}</dd>
          </dl>
          <div className="row">
            <Link to={`/catalog/${r.assetId}`}>{t('upload.viewAsset')}</Link>
            <button type="button" className="button-secondary" onClick={() => (setPhase({ kind: 'editing' }), setDraft((d) => ({ ...d, title: '', description: '', file: null })))}>
              {t('upload.another')}
            </button>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="upload-title">
      <h1 id="upload-title">{t('upload.title')}</h1>
      <p className="muted">{t('upload.intro')}</p>
      {previous.data && (
        <p className="notice" data-testid="new-version-of">
          {t('upload.newVersionOf', { version: productOf(previous.data).version + 1, title: previous.data.title })} <Link to={`/catalog/${previous.data.id}`}>{t('upload.previousVersion')}</Link>
        </p>
      )}
      {previous.status === 'error' && <ErrorNotice error={previous.error} />}
      {phase.kind === 'failed' && <ErrorNotice error={phase.error} />}
      <form className="card stack form-narrow" onSubmit={submit} noValidate aria-labelledby="upload-title">
        <div className="field">
          <label htmlFor="up-title">{t('upload.titleField')}</label>
          <input id="up-title" value={draft.title} maxLength={200} onChange={(e) => setDraft({ ...draft, title: e.target.value })} aria-invalid={invalid('title')} aria-describedby={invalid('title') ? 'up-title-error' : undefined} />
          {fieldError('title')}
        </div>
        <div className="field">
          <label htmlFor="up-description">{t('upload.description')}</label>
          <textarea id="up-description" rows={3} maxLength={4000} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </div>
        <div className="row">
          <AssetClassFields idPrefix="up" category={draft.category} sensitivity={draft.sensitivity} onChange={(change) => setDraft({ ...draft, ...change })} />
          <div className="field">
            <label htmlFor="up-price">{t('upload.price')}</label>
            <input id="up-price" inputMode="numeric" value={draft.price} onChange={(e) => setDraft({ ...draft, price: e.target.value })} aria-invalid={invalid('price')} aria-describedby={invalid('price') ? 'up-price-error' : undefined} />
            {fieldError('price')}
          </div>
        </div>
        <PolicyFields draft={draft.policy} onChange={(policy) => setDraft({ ...draft, policy })} problems={problems.filter((p): p is Exclude<UploadProblem, 'title' | 'price' | 'file'> => !['title', 'price', 'file'].includes(p))} />
        <div className="field">
          <label htmlFor="up-file">{t('upload.file')}</label>
          <input id="up-file" ref={fileInput} type="file" onChange={(e) => setDraft({ ...draft, file: e.target.files?.[0] ?? null })} aria-invalid={invalid('file')} aria-describedby={invalid('file') ? 'up-file-error' : undefined} />
          {draft.file && <span className="muted small">{formatBytes(draft.file.size)}</span>}
          {fieldError('file')}
        </div>
        <button type="submit" className="button-primary">
          {t('upload.submit')}
        </button>
      </form>
    </section>
  );
}
