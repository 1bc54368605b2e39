import { MAX_DESCRIPTION_LENGTH, MAX_PRICE_CREDITS, MAX_TITLE_LENGTH, type AssetCategory, type Sensitivity } from '@gridledger/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { Asset } from '../../api/types.ts';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { useSubmission } from '../../components/use-submission.ts';
import { AssetClassFields } from './asset-class-fields.tsx';

type Draft = { title: string; description: string; category: AssetCategory; sensitivity: Sensitivity; price: string };

/** The fields that changed, or which one is wrong: only changes are sent, so an untouched field is never rewritten. */
export function detailsPatch(asset: Pick<Asset, 'title' | 'description' | 'category' | 'sensitivity' | 'priceCredits'>, draft: Draft): { patch: Record<string, string | number> } | { problem: 'title' | 'price' | 'unchanged' } {
  const title = draft.title.trim();
  if (!title || title.length > MAX_TITLE_LENGTH) return { problem: 'title' };
  const price = Number(draft.price.trim());
  if (!/^\d+$/.test(draft.price.trim()) || price > MAX_PRICE_CREDITS) return { problem: 'price' };
  const patch: Record<string, string | number> = {};
  if (title !== asset.title) patch['title'] = title;
  if (draft.description !== asset.description) patch['description'] = draft.description;
  if (draft.category !== asset.category) patch['category'] = draft.category;
  if (draft.sensitivity !== asset.sensitivity) patch['sensitivity'] = draft.sensitivity;
  if (price !== asset.priceCredits) patch['priceCredits'] = price;
  return Object.keys(patch).length ? { patch } : { problem: 'unchanged' };
}

/** The owner edits an asset's title, description, category, sensitivity (only upwards) and price; the access-policy service writes the change on chain. */
export function DetailsEditor({ asset, onSaved }: { asset: Asset; onSaved: () => void }) {
  const { t } = useTranslation();
  const draftOf = (): Draft => ({ title: asset.title, description: asset.description, category: asset.category as AssetCategory, sensitivity: asset.sensitivity as Sensitivity, price: String(asset.priceCredits) });
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(draftOf);
  const [problem, setProblem] = useState<'title' | 'price' | 'unchanged' | null>(null);
  const { busy, error, run } = useSubmission();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = detailsPatch(asset, draft);
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    await run(async () => {
      await api(`/api/access/assets/${asset.id}/details`, { method: 'PATCH', body: checked.patch });
      setSaved(true);
      setOpen(false);
      onSaved();
    });
  };

  if (!open) {
    return (
      <div className="stack">
        {saved && <SuccessNotice>{t('owner.detailsSaved')}</SuccessNotice>}
        <button type="button" className="button-secondary" onClick={() => (setDraft(draftOf()), setOpen(true), setSaved(false), setProblem(null))}>
          {t('owner.editDetails')}
        </button>
      </div>
    );
  }
  return (
    <form className="stack card" onSubmit={submit} aria-label={t('owner.editDetails')} noValidate>
      <div className="field">
        <label htmlFor="ed-title">{t('upload.titleField')}</label>
        <input id="ed-title" value={draft.title} maxLength={MAX_TITLE_LENGTH} onChange={(e) => setDraft({ ...draft, title: e.target.value })} aria-invalid={problem === 'title'} />
        {problem === 'title' && <span className="field-error" role="alert">{t('upload.invalid.title')}</span>}
      </div>
      <div className="field">
        <label htmlFor="ed-description">{t('upload.description')}</label>
        <textarea id="ed-description" rows={3} maxLength={MAX_DESCRIPTION_LENGTH} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
      </div>
      <div className="row">
        <AssetClassFields idPrefix="ed" category={draft.category} sensitivity={draft.sensitivity} lowestSensitivity={asset.sensitivity as Sensitivity} onChange={(change) => setDraft({ ...draft, ...change })} />
        <div className="field">
          <label htmlFor="ed-price">{t('upload.price')}</label>
          <input id="ed-price" inputMode="numeric" value={draft.price} onChange={(e) => setDraft({ ...draft, price: e.target.value })} aria-invalid={problem === 'price'} />
          {problem === 'price' && <span className="field-error" role="alert">{t('upload.invalid.price')}</span>}
        </div>
      </div>
      {problem === 'unchanged' && <p className="notice">{t('owner.detailsUnchanged')}</p>}
      {error !== null && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
