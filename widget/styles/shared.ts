/**
 * Styles every step shares: layout, headings, fields, buttons, focus ring, visually-hidden text,
 * error summary, notices. Forced colours and reduced motion are respected; nothing has a fixed
 * width, so the steps reflow at 320 px (WCAG 1.4.10).
 */
import { css } from 'lit';
import { tokens } from './tokens.ts';

const base = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--_max-width);
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  /* Inherited text properties would leak in from the host page (e.g. a global
     "* { letter-spacing: 3px !important }"); important :host rules beat important outer rules,
     so the steps keep their own text settings. Theming stays possible through --iess-*. */
  :host {
    /* A host's "* { all: unset !important }" reaches the element itself: these would go too. */
    display: block !important;
    box-sizing: border-box !important;
    color: var(--_text) !important;
    background: var(--_surface) !important;
    font-size: var(--_font-size) !important;
    line-height: 1.5 !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    font-kerning: auto !important;
    font-feature-settings: normal !important;
    direction: ltr !important;
    writing-mode: horizontal-tb !important;
    hyphens: manual !important;
    cursor: auto !important;
    font-family: var(--_font) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    white-space: normal !important;
    visibility: visible !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2 {
    font-size: 1.375em;
    line-height: 1.25;
    margin: 0 0 var(--_space);
    color: var(--_primary);
  }
  /* The heading takes focus only so screen readers start reading the new step there; it is
     not a control, so it shows no focus ring. */
  h2:focus,
  h2:focus-visible {
    outline: none;
  }
  p {
    margin: 0 0 var(--_space);
  }
  a {
    color: var(--_primary);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;

// A .choice row is the whole target, 40 px high: ten options on a phone, where a slip costs an attempt.
const fields = css`
  .field {
    margin: 0 0 var(--_space);
  }
  label,
  legend {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  legend {
    padding: 0;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 var(--_space);
    min-width: 0;
  }
  .hint {
    display: block;
    color: var(--_muted);
    font-size: 0.9375em;
    margin-bottom: 0.25rem;
  }
  input[type='text'],
  input[type='email'],
  input[type='password'],
  input[type='number'],
  select {
    display: block;
    width: 100%;
    max-width: 24rem;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .error {
    display: block;
    color: var(--_error);
    font-weight: 600;
    margin: 0.25rem 0;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 0;
    font-weight: 400;
  }
  /* A toggle for the whole form ("Mostrar respuestas") stands apart from the first field, so it
     does not read as part of the first question. */
  .choice.toggle {
    margin-bottom: var(--_space);
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15rem 0 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .row > * {
    flex: 0 1 12rem;
    min-width: 8rem;
  }
`;

// Comments inside css`` ship in the first load: these are out here. What follows a row of
// buttons (.actions) does not touch them.
const buttons = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    margin-top: calc(var(--_space) * 1.5);
  }
  .actions:not(:last-child) {
    margin-bottom: var(--_space);
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1.25rem;
    font: inherit;
    font-weight: 700;
    letter-spacing: 0.02em;
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
    cursor: pointer;
    text-decoration: none;
  }
  .primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .primary:hover {
    background: var(--_primary-hover);
    border-color: var(--_primary-hover);
  }
  .secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  .link {
    border: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    padding: 0.25rem;
    font-weight: 400;
    min-height: 2.75rem;
  }
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* While the shell's time notice sticks to the top of the screen, what takes focus is scrolled
     clear of it, not under it (WCAG 2.4.11; the shell sets --_notice-clearance). */
  :is(input, select, textarea, button, a, summary, h2, [tabindex]) {
    scroll-margin-top: var(--_notice-clearance, 0);
  }
`;

const notices = css`
  .error-summary {
    border: 3px solid var(--_error);
    background: var(--_error-bg);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0 0 var(--_space);
  }
  .error-summary h3 {
    margin: 0 0 0.5rem;
    font-size: 1.0625em;
    color: var(--_error);
  }
  .error-summary ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 600;
  }
  .notice {
    border-left: 5px solid var(--_warning-border);
    background: var(--_warning-bg);
    padding: 0.75rem 1rem;
    margin: 0 0 var(--_space);
    border-radius: var(--_radius);
  }
  .info {
    border-left: 5px solid var(--_primary);
    background: var(--_surface-alt);
    padding: 0.75rem 1rem;
    margin: 0 0 var(--_space);
    border-radius: var(--_radius);
  }
  /* Security answers are hidden by the font, not by type="password": ten password fields in one
     form would make password managers offer to save (or fill) them, and Chromium reads the form as
     several forms in one ("[DOM] Multiple forms should be contained in their own form elements"). */
  .masked {
    -webkit-text-security: disc;
  }
  /* An e-mail address moves to the next line whole rather than breaking at its hyphen; only
     an address longer than the line breaks. */
  .unbroken {
    display: inline-block;
    max-width: 100%;
  }
  .timer {
    font-size: 1.25em;
    font-weight: 700;
  }
  details.info {
    margin-top: calc(var(--_space) * 1.5);
  }
  details summary {
    cursor: pointer;
    font-weight: 600;
  }
  details[open] summary {
    margin-bottom: 0.5rem;
  }
  .captcha {
    max-width: 24rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    background: var(--_surface-alt);
  }
  .actions + .contact {
    margin-top: calc(var(--_space) * 1.5);
  }
  .contact {
    background: var(--_surface-alt);
    padding: 0.75rem 1rem;
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
  }
  .contact h3 {
    margin: 0 0 0.5rem;
    font-size: 1em;
  }
  .contact ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  dl {
    margin: 0 0 var(--_space);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0 0 0.5rem;
  }
`;

/** Windows High Contrast and friends: keep borders and focus visible with system colours. */
const accessibilityModes = css`
  @media (forced-colors: active) {
    button,
    .button,
    input,
    select,
    .error-summary,
    .notice,
    .info {
      border: 2px solid CanvasText;
    }
    .primary {
      forced-color-adjust: none;
      background: ButtonText;
      color: ButtonFace;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      /* none, not the usual 0.01ms: a tiny duration still starts a transition per change */
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;

/** Everything a step needs, in cascade order. */
export const stepStyles = [tokens, base, fields, buttons, notices, accessibilityModes];
