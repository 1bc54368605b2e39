import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import { InlineFieldAction } from '../../components/inline-field-action.tsx';

/** An admin allocates credits to a user of their organisation (settlement:Mint on chain), so consumers can pay for data. */
export function CreditsAction({ userId, onDone }: { userId: string; onDone: (amount: number) => void }) {
  const { t } = useTranslation();
  return (
    <InlineFieldAction
      label={t('admin.credits')}
      fieldLabel={t('admin.amount')}
      submitLabel={t('admin.allocate')}
      invalidText={t('admin.amountInvalid')}
      initial="100"
      parse={(typed) => (/^\d+$/.test(typed) && Number(typed) >= 1 ? Number(typed) : undefined)}
      onSubmit={(amount) => api(`/api/access/accounts/${userId}/credits`, { method: 'POST', body: { amount } })}
      onDone={onDone}
      input={{ inputMode: 'numeric' }}
    />
  );
}
