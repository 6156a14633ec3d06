/** The e-mail's CLIC PARA CONTINUAR link opens the widget with `#token=…` in the address. */

/** Reads and removes `token=` from the fragment; the rest of the fragment is kept. */
export function takeActivationToken(loc: Location = location, hist: History = history): string | undefined {
  const hash = loc.hash.replace(/^#/, '');
  if (!hash) return undefined;
  const params = new URLSearchParams(hash);
  const token = params.get('token') ?? undefined;
  if (token === undefined) return undefined;
  params.delete('token');
  const rest = params.toString();
  // replaceState: the token leaves the address bar and the history entry at once (CS-08).
  hist.replaceState(hist.state, '', loc.pathname + loc.search + (rest ? `#${rest}` : ''));
  return token || undefined;
}
