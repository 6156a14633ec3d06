/**
 * The page around the shell, a small controller that listens while the shell is connected:
 * - the e-mail link pasted into this same tab changes only the fragment (no reload, so the widget
 *   keeps its memory): its token leaves the address bar at once (CS-08) and goes to `linkOpened`;
 * - leaving the page, or entering the back/forward cache (`hidden`): nothing personal may stay in
 *   memory (CS-07);
 * - shown again from the back/forward cache (`shownAgain`).
 */
import type { ReactiveControllerHost } from 'lit';
import { takeActivationToken } from './activation-link.ts';

export interface PageEvents {
  linkOpened(token: string): void;
  hidden(): void;
  shownAgain(): void;
}

export function followPage(host: ReactiveControllerHost, on: PageEvents): void {
  const hashChange = (): void => {
    const token = takeActivationToken();
    if (token) on.linkOpened(token);
  };
  const pageHide = (): void => on.hidden();
  const pageShow = (e: PageTransitionEvent): void => {
    if (e.persisted) on.shownAgain();
  };
  host.addController({
    hostConnected() {
      window.addEventListener('hashchange', hashChange);
      window.addEventListener('pagehide', pageHide);
      window.addEventListener('pageshow', pageShow);
    },
    hostDisconnected() {
      window.removeEventListener('hashchange', hashChange);
      window.removeEventListener('pagehide', pageHide);
      window.removeEventListener('pageshow', pageShow);
    },
  });
}
