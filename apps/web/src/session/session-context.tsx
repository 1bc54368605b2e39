import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/http.ts';
import { session } from '../api/session-store.ts';
import type { Me } from '../api/types.ts';

interface SessionState {
  /** undefined while a saved session is being resumed */
  user: Me | null | undefined;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is signed in. Resumes this tab's session on load; a refused renewal signs out everywhere in the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(session.canResume ? undefined : null);

  useEffect(() => {
    const off = session.onChange((signedIn) => {
      if (!signedIn) setUser(null);
    });
    if (session.canResume) {
      void session
        .renew()
        .then((ok) => (ok ? api<Me>('/api/identity/users/me') : null))
        .then(setUser, () => setUser(null));
    }
    return off;
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    await session.signIn(username, password);
    const me = await api<Me>('/api/identity/users/me');
    setUser(me);
    return me;
  }, []);

  const signOut = useCallback(async () => {
    await session.signOut();
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in user, on screens that are only reachable signed in. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) throw new Error('useUser on a screen reachable signed out');
  return user;
}
