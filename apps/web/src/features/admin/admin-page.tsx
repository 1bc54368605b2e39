import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/http.ts';
import { ROLES, type Role } from '@gridledger/domain';
import type { AuditPage, Me } from '../../api/types.ts';
import { AsyncView } from '../../components/async-view.tsx';
import { Badge, statusTone } from '../../components/badge.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.tsx';
import { formatDate } from '../../components/format.ts';
import { ReasonAction } from '../../components/reason-action.tsx';
import { useAsync } from '../../components/use-async.ts';
import { useUser } from '../../session/session-context.tsx';
import { CreditsAction } from './credits-action.tsx';
import { orgDirectory, withChange, type DirectoryUser } from './org-directory.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Organisation admin: onboard users of their own organisation, suspend and reactivate them. */
export function AdminPage() {
  const { t, i18n } = useTranslation();
  const admin = useUser();
  const [changes, setChanges] = useState<DirectoryUser[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const directory = useAsync(async (signal) => {
    const actions = ['identity.user-registered', 'identity.user-suspended', 'identity.user-reactivated'];
    const pages = await Promise.all(actions.map((action) => api<AuditPage>(`/api/audit/audit/events${query({ action, org: admin.mspId, limit: 500 })}`, { signal })));
    return orgDirectory(pages.flatMap((p) => p.entries));
  }, [admin.mspId]);
  const users = changes.reduce(withChange, directory.data ?? []);

  const changed = (user: DirectoryUser, message: string) => {
    setChanges((c) => [...c, user]);
    setNotice(message);
  };

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title', { mspId: admin.mspId })}</h1>
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      <OnboardForm mspId={admin.mspId} onCreated={(me) => changed({ id: me.id, username: me.username, role: me.role, status: 'active', since: new Date().toISOString() }, t('admin.created', { username: me.username }))} />
      <h2>{t('admin.users')}</h2>
      <p className="muted small">{t('admin.directoryNote')}</p>
      <AsyncView state={directory} empty={t('admin.noUsers')} isEmpty={() => users.length === 0}>
        {() => (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('admin.users')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.username')}</th>
                  <th scope="col">{t('admin.role')}</th>
                  <th scope="col">{t('catalog.columns.status')}</th>
                  <th scope="col">{t('asset.updated')}</th>
                  <th scope="col">{t('request.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} data-username={u.username}>
                    <td>
                      {u.username}
                      <div className="muted small mono">{u.id}</div>
                    </td>
                    <td>{t(`roles.${u.role as Role}`, { defaultValue: u.role })}</td>
                    <td>
                      <Badge tone={statusTone(u.status)}>{t(`admin.status.${u.status}`)}</Badge>
                    </td>
                    <td>{formatDate(u.since, i18n.language)}</td>
                    <td className="actions">
                      {u.status === 'active' && <CreditsAction userId={u.id} onDone={(amount) => setNotice(t('admin.allocated', { amount, username: u.username }))} />}
                      {u.id === admin.id ? null : u.status === 'active' ? (
                        <ReasonAction label={t('admin.suspend')} tone="danger" onSubmit={(reason) => api(`/api/identity/users/${u.id}/suspend`, { method: 'POST', body: { reason } })} onDone={() => changed({ ...u, status: 'suspended', since: new Date().toISOString() }, t('admin.suspended', { username: u.username }))} />
                      ) : (
                        <ReactivateButton user={u} onDone={() => changed({ ...u, status: 'active', since: new Date().toISOString() }, t('admin.reactivated', { username: u.username }))} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
    </section>
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
  const [form, setForm] = useState({ username: '', email: '', password: '', role: 'consumer' as Role });
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
      onCreated(await api<Me>(`/api/identity/organizations/${mspId}/users`, { method: 'POST', body: form }));
      setForm({ username: '', email: '', password: '', role: form.role });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const input = (key: 'username' | 'email' | 'password', type = 'text', autoComplete = 'off') => (
    <div className="field">
      <label htmlFor={`onboard-${key}`}>{t(`admin.${key}`)}</label>
      <input id={`onboard-${key}`} type={type} autoComplete={autoComplete} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} aria-invalid={problems.includes(key)} aria-describedby={problems.includes(key) ? `onboard-${key}-error` : undefined} />
      {problems.includes(key) && (
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
