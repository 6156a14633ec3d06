/**
 * Styles of the shell around the steps: title, progress, problem notice, end states. The :host
 * rules (box, colours, font, `hidden`) are the steps' own, from widget/styles/shared.ts, which
 * the shell applies first.
 */
import { css } from 'lit';

export const shellStyles = css`
  /* inline-grid: an atomic inline box stops a host's text-decoration (which propagates to every
     in-flow descendant and cannot be undone by a descendant) at the widget's edge. */
  .shell,
  .config-error {
    display: inline-grid;
    width: 100%;
    vertical-align: top;
  }
  .shell {
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
  }
  .title {
    margin: 0;
    font-weight: 700;
    font-size: 1.125em;
  }
  .progress {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .problem {
    margin: 0;
    padding: 0.75em 1em;
    border-left: 4px solid var(--_error);
    background: var(--_error-bg);
  }
  .link-timer {
    margin: 0;
    display: grid;
    gap: 0.25em;
  }
  .link-timer .warning {
    padding: 0.5em 0.75em;
    border-left: 4px solid var(--_warning-border);
    background: var(--_warning-bg);
  }
  /* Stays at the top of the screen while the step scrolls under it (a long step on a phone): a
     time limit the person cannot see is one they cannot extend (WCAG 2.2.1). A host page with a
     fixed header moves it down with ::part(time-notice) { top: … }. Meanwhile what takes focus
     stops below it (shared.ts: scroll-margin-top; 10em is the notice with its button on three
     lines at 320 px, and grows with the text). */
  .shell:has(> .time-notice) {
    --_notice-clearance: 10em;
  }
  .time-notice {
    position: sticky;
    top: 0;
    z-index: 1;
    margin: 0;
    padding: 0.5em 0.75em;
    border-left: 4px solid var(--_warning-border);
    background: var(--_warning-bg);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .time-notice p {
    margin: 0;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    justify-content: flex-start;
  }
  .link-button {
    background: none;
    border: none;
    padding: 0.5em 0;
    color: var(--_primary);
    text-decoration: underline;
    font: inherit;
    cursor: pointer;
    min-height: 44px;
  }
  .config-error {
    padding: var(--_space);
    border: 2px solid var(--_error);
    background: var(--_error-bg);
  }
  .config-error code {
    font-family: ui-monospace, monospace;
  }
  @media (forced-colors: active) {
    .problem,
    .time-notice,
    .config-error {
      border: 2px solid CanvasText;
    }
  }
`;
