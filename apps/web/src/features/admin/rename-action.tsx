import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { DirectoryUser } from '../../api/types.ts';
import { InlineFieldAction } from '../../components/inline-field-action.tsx';
import { parseDisplayName } from '../account/display-name.ts';

/** An admin sets the display name of a user of their organisation. */
export function RenameAction({ user, onDone }: { user: DirectoryUser; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  return (
    <InlineFieldAction
      label={t('admin.rename')}
      fieldLabel={t('admin.newName')}
      submitLabel={t('common.save')}
      invalidText={t('account.nameInvalid')}
      initial={user.displayName}
      parse={parseDisplayName}
      onSubmit={(name) => api<{ displayName: string }>(`/api/identity/users/${user.id}/display-name`, { method: 'PUT', body: { displayName: name } })}
      onDone={onDone}
      input={{ maxLength: 100 }}
    />
  );
}
