/**
 * Who is reading: the session as the server sees it (GET /api/auth/session), sign-in and
 * sign-out. The CSRF token of the session goes to the API client; a change of reader
 * reloads every page's data, since what one may see depends on one's role.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { getJson, request, setCsrfToken } from "./api/client.ts";
import type { Role, Session } from "./api/types.ts";
import { dataChanged } from "./api/use-api.ts";

/** Asked as soon as the app's code runs, so that the answer is there when the app is drawn. */
const firstSession = getJson<Session>("/api/auth/session");
firstSession.catch(() => {});

const ANONYMOUS: Session = { user: null, via: "anonymous", role: "public", csrfToken: null };
const ROLES: Role[] = ["public", "viewer", "editor", "admin"];

export function atLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

interface SessionState {
  session: Session;
  /** False until the server has said who we are. */
  known: boolean;
  login(name: string, password: string): Promise<void>;
  logout(): Promise<void>;
  can(minimum: Role): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>(ANONYMOUS);
  const [known, setKnown] = useState(false);

  const adopt = useCallback((next: Session) => {
    setCsrfToken(next.csrfToken);
    setSession(next);
    setKnown(true);
  }, []);

  useEffect(() => {
    firstSession.then(adopt, () => adopt(ANONYMOUS));
  }, [adopt]);

  const login = useCallback(
    async (name: string, password: string) => {
      adopt(await request<Session>("POST", "/api/auth/login", { name, password }));
      dataChanged();
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await request("POST", "/api/auth/logout", {});
    } finally {
      adopt(ANONYMOUS);
      dataChanged();
    }
  }, [adopt]);

  const value = useMemo<SessionState>(
    () => ({ session, known, login, logout, can: (minimum) => atLeast(session.role, minimum) }),
    [session, known, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}
