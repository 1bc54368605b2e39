import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { NotificationBell } from './features/notifications/notification-bell.tsx';
import { LANGUAGES, setLanguage, type Language } from './i18n/i18n.ts';
import { screensFor } from './screens.ts';
import { useUser, useSession } from './session/session-context.tsx';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('app.language')}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Header, the role's navigation and the page. On a narrow screen the navigation folds behind a menu button. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">⚡</span>
          <span>{t('app.name')}</span>
        </div>
        <button type="button" className="menu-button button-secondary" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
          {t('app.menu')}
        </button>
        <div className="topbar-right">
          <span className="who" data-testid="signed-in-as">
            {t('app.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`), mspId: user.mspId })}
          </span>
          <NotificationBell />
          <LanguageSwitch />
          <button type="button" className="button-secondary" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav id="main-nav" className={menuOpen ? 'nav open' : 'nav'} aria-label={t('app.menu')}>
          <ul>
            {screensFor(user.role).map((screen) => (
              <li key={screen.path}>
                <NavLink to={screen.path} onClick={() => setMenuOpen(false)}>
                  {t(screen.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
