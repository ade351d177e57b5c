// Calls to the omnifuse API with the token kept in localStorage (given once via #token=... or the token form).
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly hint?: string) {
    super(message);
  }
}

const KEY = 'omnifuse.token';

export const getToken = (): string | null => localStorage.getItem(KEY);
export const setToken = (t: string | null): void => (t ? localStorage.setItem(KEY, t) : localStorage.removeItem(KEY));

/** A token in the URL (#token=...) is moved into storage and removed from the address bar. */
export function takeTokenFromUrl(): void {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  setToken(decodeURIComponent(m[1]!));
  history.replaceState(null, '', location.pathname + location.search + '#/overview');
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = getToken();
  const res = await fetch(path, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
  const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string; hint?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? 'error', body.message ?? res.statusText, body.hint);
  return body as T;
}

export const qs = (params: Record<string, string | number | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
