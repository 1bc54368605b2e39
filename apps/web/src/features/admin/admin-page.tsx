import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@gridledger/domain';
import { api } from '../../api/http.ts';
import type { DirectoryPage, DirectoryUser, Me } from '../../api/types.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { Badge, statusTone } from '../../components/badge.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { formatDate } from '../../components/format.ts';
import { ReasonAction } from '../../components/reason-action.tsx';
import { useAsync } from '../../components/use-async.ts';
import { useUser } from '../../session/session-context.tsx';
import { directoryPath, pageOf } from '../directory/directory-query.ts';
import { CreditsAction } from './credits-action.tsx';
import { PasswordResetAction } from './password-reset-action.tsx';
import { RenameAction } from './rename-action.tsx';
import { WebhooksSection } from './webhooks-section.tsx';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Organisation admin: onboard users of their own organisation, find them in the directory, rename, reset, suspend and reactivate them. */
export function AdminPage() {
  const { t, i18n } = useTranslation();
  const admin = useUser();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const directory = useAsync((signal) => api<DirectoryPage>(directoryPath(search, offset), { signal }), [search, offset]);

  const find = (text: string) => {
    setSearch(text);
    setOffset(0);
  };
  const changed = (message: string) => {
    setNotice(message);
    directory.reload();
  };

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title', { mspId: admin.mspId })}</h1>
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {/* the new user is found at once, wherever their name falls in the pages */}
      <OnboardForm mspId={admin.mspId} onCreated={(me) => (find(me.username), changed(t('admin.created', { username: me.username })))} />
      <h2>{t('admin.users')}</h2>
      <div className="field form-narrow">
        <label htmlFor="directory-search">{t('admin.search')}</label>
        <input id="directory-search" type="search" value={search} onChange={(e) => find(e.target.value)} aria-describedby="directory-search-hint" />
        <span className="muted small" id="directory-search-hint">
          {t('admin.searchHint')}
        </span>
      </div>
      <AsyncView state={directory} empty={t('admin.noUsers')} isEmpty={(page) => page.users.length === 0}>
        {(page) => (
          <>
            <p className="muted small">{t('admin.count', { count: page.total })}</p>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('admin.users')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.name')}</th>
                    <th scope="col">{t('admin.role')}</th>
                    <th scope="col">{t('catalog.columns.status')}</th>
                    <th scope="col">{t('admin.joined')}</th>
                    <th scope="col">{t('request.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.users.map((u) => (
                    <tr key={u.id} data-username={u.username}>
                      <td>
                        {u.displayName}
                        <div className="muted small">
                          {u.username} · {u.email}
                        </div>
                      </td>
                      <td>{t(`roles.${u.role}`, { defaultValue: u.role })}</td>
                      <td>
                        <Badge tone={statusTone(u.status)}>{t(`admin.status.${u.status}`)}</Badge>
                      </td>
                      <td>{formatDate(u.createdAt, i18n.language)}</td>
                      <td className="actions">
                        {u.status === 'active' && <CreditsAction userId={u.id} onDone={(amount) => setNotice(t('admin.allocated', { amount, username: u.username }))} />}
                        <RenameAction user={u} onDone={(name) => changed(t('admin.renamed', { username: u.username, name }))} />
                        {u.id !== admin.id && <PasswordResetAction user={u} />}
                        {u.id === admin.id ? null : u.status === 'active' ? (
                          <ReasonAction label={t('admin.suspend')} tone="danger" onSubmit={(reason) => api(`/api/identity/users/${u.id}/suspend`, { method: 'POST', body: { reason } })} onDone={() => changed(t('admin.suspended', { username: u.username }))} />
                        ) : (
                          <ReactivateButton user={u} onDone={() => changed(t('admin.reactivated', { username: u.username }))} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={page} onOffset={setOffset} />
          </>
        )}
      </AsyncView>
      <WebhooksSection />
    </section>
  );
}

function Pager({ page, onOffset }: { page: DirectoryPage; onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  const { page: number, pages } = pageOf(page);
  if (pages <= 1) return null;
  return (
    <div className="pager">
      <button type="button" className="button-secondary" disabled={number <= 1} onClick={() => onOffset(Math.max(0, page.offset - page.limit))}>
        {t('common.previous')}
      </button>
      <span>{t('admin.pageOf', { page: number, pages })}</span>
      <button type="button" className="button-secondary" disabled={number >= pages} onClick={() => onOffset(page.offset + page.limit)}>
        {t('common.next')}
      </button>
    </div>
  );
}

function ReactivateButton({ user, onDone }: { user: DirectoryUser; onDone: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          api(`/api/identity/users/${user.id}/reactivate`, { method: 'POST' }).then(onDone, setError).finally(() => setBusy(false));
        }}
      >
        {t('admin.reactivate')}
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </>
  );
}

function OnboardForm({ mspId, onCreated }: { mspId: string; onCreated: (user: Me) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', displayName: '', email: '', password: '', role: 'consumer' as Role });
  const [problems, setProblems] = useState<('username' | 'email' | 'password')[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = [...(USERNAME.test(form.username) ? [] : ['username' as const]), ...(EMAIL.test(form.email) ? [] : ['email' as const]), ...(form.password.length >= 12 ? [] : ['password' as const])];
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    setError(null);
    try {
      const { displayName, ...rest } = form;
      // left empty, the service uses the username
      onCreated(await api<Me>(`/api/identity/organizations/${mspId}/users`, { method: 'POST', body: displayName.trim() ? { ...rest, displayName: displayName.trim() } : rest }));
      setForm({ username: '', displayName: '', email: '', password: '', role: form.role });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const input = (key: 'username' | 'displayName' | 'email' | 'password', type = 'text', autoComplete = 'off') => (
    <div className="field">
      <label htmlFor={`onboard-${key}`}>{t(`admin.${key}`)}</label>
      <input id={`onboard-${key}`} type={type} autoComplete={autoComplete} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} aria-invalid={key !== 'displayName' && problems.includes(key)} aria-describedby={key !== 'displayName' && problems.includes(key) ? `onboard-${key}-error` : undefined} />
      {key !== 'displayName' && problems.includes(key) && (
        <span className="field-error" id={`onboard-${key}-error`}>
          {t(`admin.invalid.${key}`)}
        </span>
      )}
    </div>
  );

  return (
    <form className="card stack form-narrow" onSubmit={submit} noValidate aria-labelledby="onboard-title">
      <h2 id="onboard-title">{t('admin.onboard')}</h2>
      <div className="row">
        {input('username')}
        {input('displayName')}
        {input('email', 'email')}
      </div>
      <div className="row">
        {input('password', 'password', 'new-password')}
        <div className="field">
          <label htmlFor="onboard-role">{t('admin.role')}</label>
          <select id="onboard-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" className="button-primary" disabled={busy}>
        {t('admin.create')}
      </button>
    </form>
  );
}
