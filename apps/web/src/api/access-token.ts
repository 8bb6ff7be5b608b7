/**
 * The daemon's per-launch access token. It arrives in the address's fragment (`#token=…`, which
 * the browser never sends anywhere), is kept in this tab's sessionStorage so a reload keeps
 * working, and is then removed from the address bar.
 */
const STORAGE_KEY = 'hush.token';
const TOKEN_RE = /^[0-9a-f]{32,256}$/;

/** The token from the address (then stored) or from this tab's storage; null when there is none. */
export function takeAccessToken(): string | null {
  const match = /^#token=([0-9a-f]+)$/.exec(window.location.hash);
  const fromUrl = match?.[1];
  if (fromUrl !== undefined && TOKEN_RE.test(fromUrl)) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    return fromUrl;
  }
  const stored = sessionStorage.getItem(STORAGE_KEY);
  return stored !== null && TOKEN_RE.test(stored) ? stored : null;
}

export function forgetAccessToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
