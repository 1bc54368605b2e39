import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/async-view.tsx';
import { AccountPage } from './features/account/account-page.tsx';
import { AdminPage } from './features/admin/admin-page.tsx';
import { AssetPage } from './features/catalog/asset-page.tsx';
import { CatalogPage } from './features/catalog/catalog-page.tsx';
import { MyRequestsPage } from './features/consumer/my-requests-page.tsx';
import { OpsPage } from './features/ops/ops-page.tsx';
import { MyAssetsPage } from './features/owner/my-assets-page.tsx';
import { RegulatorPage } from './features/regulator/regulator-page.tsx';
import { ResetPasswordPage } from './features/sign-in/reset-password-page.tsx';
import { SignInPage } from './features/sign-in/sign-in-page.tsx';
import { UploadPage } from './features/upload/upload-page.tsx';
import { Layout } from './layout.tsx';
import { homeFor, mayOpen, type ScreenPath } from './screens.ts';
import { useSession } from './session/session-context.tsx';

/** A screen only for the roles that may use it; anyone else is sent to their own home. */
function Guarded({ path, children }: { path: ScreenPath; children: ReactNode }) {
  const { user } = useSession();
  if (!user) return null;
  return mayOpen(user.role, path) ? <>{children}</> : <Navigate to={homeFor(user.role)} replace />;
}

export function App() {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="*" element={<Navigate to="/sign-in" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Navigate to={homeFor(user.role)} replace />} />
        <Route path="/sign-in" element={<Navigate to={homeFor(user.role)} replace />} />
        <Route path="/catalog" element={<Guarded path="/catalog"><CatalogPage /></Guarded>} />
        <Route path="/catalog/:assetId" element={<Guarded path="/catalog"><AssetPage /></Guarded>} />
        <Route path="/upload" element={<Guarded path="/upload"><UploadPage /></Guarded>} />
        <Route path="/my-assets" element={<Guarded path="/my-assets"><MyAssetsPage /></Guarded>} />
        <Route path="/my-requests" element={<Guarded path="/my-requests"><MyRequestsPage /></Guarded>} />
        <Route path="/regulator" element={<Guarded path="/regulator"><RegulatorPage /></Guarded>} />
        <Route path="/ops" element={<Guarded path="/ops"><OpsPage /></Guarded>} />
        <Route path="/admin" element={<Guarded path="/admin"><AdminPage /></Guarded>} />
        <Route path="/account" element={<Guarded path="/account"><AccountPage /></Guarded>} />
        {/* a signed-in user who follows a reset link sets the password from their account instead */}
        <Route path="/reset-password" element={<Navigate to="/account" replace />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <Link to="/catalog">{t('notFound.back')}</Link>
    </section>
  );
}
