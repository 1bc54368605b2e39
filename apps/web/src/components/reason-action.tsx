import { useTranslation } from 'react-i18next';
import { InlineFieldAction } from './inline-field-action.tsx';

/**
 * A button that asks for a reason before it acts (approve, reject, revoke, freeze): the reason is
 * recorded on chain, so it is required.
 */
export function ReasonAction({ label, tone = 'primary', onSubmit, onDone, requiredHint }: { label: string; tone?: 'primary' | 'danger'; onSubmit: (reason: string) => Promise<unknown>; onDone?: () => void; /** what an empty reason is told, when it is not recorded on chain */ requiredHint?: string }) {
  const { t } = useTranslation();
  const toneClass = tone === 'danger' ? 'button-danger' : 'button-primary';
  return (
    <InlineFieldAction
      label={label}
      fieldLabel={t('common.reason')}
      submitLabel={label}
      invalidText={requiredHint ?? t('common.reasonRequired')}
      parse={(typed) => typed.trim() || undefined}
      onSubmit={onSubmit}
      {...(onDone ? { onDone: () => onDone() } : {})}
      openerClass={toneClass}
      submitClass={toneClass}
      input={{ maxLength: 500 }}
    />
  );
}
