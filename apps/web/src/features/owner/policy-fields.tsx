import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import { ROLES, type Role } from '@gridledger/domain';
import type { Organization } from '../../api/types.ts';
import { useAsync } from '../../components/use-async.ts';
import type { PolicyDraft, PolicyProblem } from './policy-form.ts';

/** The policy part of the upload form and of the policy editor: who may ask, for what, how long, how often. */
export function PolicyFields({ draft, onChange, problems }: { draft: PolicyDraft; onChange: (draft: PolicyDraft) => void; problems: PolicyProblem[] }) {
  const { t } = useTranslation();
  const organizations = useAsync((signal) => api<Organization[]>('/api/identity/organizations', { signal }), []);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const error = (problem: PolicyProblem) =>
    problems.includes(problem) ? (
      <span className="field-error" id={`policy-${problem}-error`}>
        {t(`upload.invalid.${problem}`)}
      </span>
    ) : null;
  return (
    <>
      <fieldset aria-describedby="policy-orgs-hint">
        <legend>{t('upload.allowedOrgs')}</legend>
        <span className="muted small" id="policy-orgs-hint">
          {t('upload.anyOrgHint')}
        </span>
        {(organizations.data ?? []).map((o) => (
          <label key={o.mspId} className="check">
            <input type="checkbox" checked={draft.allowedOrgs.includes(o.mspId)} onChange={() => onChange({ ...draft, allowedOrgs: toggle(draft.allowedOrgs, o.mspId) })} />
            {o.name} ({o.mspId})
          </label>
        ))}
      </fieldset>
      <fieldset aria-describedby="policy-roles-hint">
        <legend>{t('upload.allowedRoles')}</legend>
        <span className="muted small" id="policy-roles-hint">
          {t('upload.anyRoleHint')}
        </span>
        {ROLES.map((r: Role) => (
          <label key={r} className="check">
            <input type="checkbox" checked={draft.allowedRoles.includes(r)} onChange={() => onChange({ ...draft, allowedRoles: toggle(draft.allowedRoles, r) })} />
            {t(`roles.${r}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="policy-purposes">{t('upload.allowedPurposes')}</label>
        <input id="policy-purposes" value={draft.purposes} onChange={(e) => onChange({ ...draft, purposes: e.target.value })} aria-invalid={problems.includes('purposes')} aria-describedby={problems.includes('purposes') ? 'policy-purposes-error' : undefined} />
        {error('purposes')}
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="policy-days">{t('upload.maxDurationDays')}</label>
          <input id="policy-days" inputMode="numeric" value={draft.maxDurationDays} onChange={(e) => onChange({ ...draft, maxDurationDays: e.target.value })} aria-invalid={problems.includes('duration')} aria-describedby={problems.includes('duration') ? 'policy-duration-error' : undefined} />
          {error('duration')}
        </div>
        <div className="field">
          <label htmlFor="policy-downloads">{t('upload.maxDownloads')}</label>
          <input id="policy-downloads" inputMode="numeric" value={draft.maxDownloads} onChange={(e) => onChange({ ...draft, maxDownloads: e.target.value })} aria-invalid={problems.includes('downloads')} aria-describedby={problems.includes('downloads') ? 'policy-downloads-error' : undefined} />
          {error('downloads')}
        </div>
      </div>
    </>
  );
}
