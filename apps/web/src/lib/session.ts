import { useQuery } from '@tanstack/react-query';
import { ApiError, client, data, setCsrfToken } from './api/client';
import type { SessionUser } from './api/types';

export const SESSION_KEY = ['session'] as const;

/** The browser session: the user, or null when logged out. The CSRF token stays in memory. */
export async function fetchSession(): Promise<SessionUser | null> {
  try {
    const s = await data(client.GET('/api/auth/session'));
    setCsrfToken(s.csrfToken);
    return s.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, retry: 1 });
}
