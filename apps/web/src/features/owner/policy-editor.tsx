import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { AssetPolicy } from '../../api/types.ts';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { useSubmission } from '../../components/use-submission.ts';
import { PolicyFields } from './policy-fields.tsx';
import { draftOf, parsePolicy, type PolicyProblem } from './policy-form.ts';

/** The owner changes who may ask for an asset; the access-policy service writes it on chain. */
export function PolicyEditor({ assetId, policy, onSaved }: { assetId: string; policy: AssetPolicy; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(policy));
  const [problems, setProblems] = useState<PolicyProblem[]>([]);
  const { busy, error, run } = useSubmission();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePolicy(draft);
    if ('problems' in parsed) return setProblems(parsed.problems);
    setProblems([]);
    await run(async () => {
      await api(`/api/access/assets/${assetId}/policy`, { method: 'PUT', body: parsed.policy });
      setSaved(true);
      setOpen(false);
      onSaved();
    });
  };

  if (!open) {
    return (
      <div className="stack">
        {saved && <SuccessNotice>{t('owner.policySaved')}</SuccessNotice>}
        <button type="button" className="button-secondary" onClick={() => (setDraft(draftOf(policy)), setOpen(true), setSaved(false))}>
          {t('owner.editPolicy')}
        </button>
      </div>
    );
  }
  return (
    <form className="stack card" onSubmit={submit} aria-label={t('owner.editPolicy')} noValidate>
      <PolicyFields draft={draft} onChange={setDraft} problems={problems} />
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
