/**
 * The signed-in credential lives in this tab's session storage only: never in a URL the console
 * sends, never in local storage (which outlives the tab). A sign-in link carries its token in
 * the URL fragment, which browsers never send to the server; it is read once and dropped.
 */
const KEY = 'jetjobs.console.credential';

export function readCredential(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeCredential(value: string): void {
  sessionStorage.setItem(KEY, value.trim());
}

export function forgetCredential(): void {
  sessionStorage.removeItem(KEY);
}

/** Takes `#token=…` from the address bar, if any, and removes it from the history entry. */
export function takeFragmentToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match === null) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return decodeURIComponent(match[1] ?? '');
}
