import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http.ts';
import type { DirectoryPage, DirectoryUser } from '../../api/types.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { useAsync } from '../../components/use-async.ts';
import { directoryPath } from './directory-query.ts';

const PICKER_SIZE = 8;

/** Picks one user from the directory by a search, instead of someone typing their id. */
export function UserPicker({ label, onPick }: { label: string; onPick: (user: DirectoryUser) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [search, setSearch] = useState('');
  const matches = useAsync(async (signal) => (search.trim() ? api<DirectoryPage>(directoryPath(search, 0, PICKER_SIZE), { signal }) : null), [search]);
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <input id={inputId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} spellCheck={false} autoComplete="off" />
      </div>
      {search.trim() && (
        <AsyncView state={matches} empty={t('regulator.noUserMatch')} isEmpty={(page) => !page || page.users.length === 0}>
          {(page) => (
            <ul className="plain-list">
              {page?.users.map((u) => (
                <li key={u.id} className="row spread">
                  <span>
                    {u.displayName} <span className="muted small">({u.username}, {u.organizationName})</span>
                  </span>
                  <button type="button" className="button-secondary" onClick={() => onPick(u)} aria-label={`${t('regulator.choose')} ${u.displayName}`}>
                    {t('regulator.choose')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </AsyncView>
      )}
    </div>
  );
}
