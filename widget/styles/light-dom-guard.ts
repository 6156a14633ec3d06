/**
 * Styles for the few inputs that live in the LIGHT DOM (the new-password form, docs/widget-forms.md): password
 * managers need them in the page's tree, so shadow DOM cannot shield them from the host page's
 * CSS. This sheet shields them instead:
 *
 *  - it is a constructable stylesheet adopted into the form's root (document.adoptedStyleSheets),
 *    so it works under a strict CSP with no 'unsafe-inline' (CS-02);
 *  - every rule is !important inside a cascade layer: important declarations in a layer beat
 *    every unlayered important declaration, whatever its specificity (CSS Cascade 5 §6.4), so a
 *    host's `input { … !important }` or `#main form * { … !important }` cannot win;
 *  - `all: revert` first drops whatever the host set (resets, odd fonts, `all: unset`), then the
 *    widget's own look is applied; selectors are scoped to `form[data-iess-clave-form]` only.
 *
 * Custom properties are not touched by `all`, and the form is slotted into the step's shadow
 * root, so it inherits the step's `--_*` tokens through the flat tree.
 */
export const LIGHT_DOM_GUARD_CSS = String.raw`
@layer iess-clave-guard {
  :where(form[data-iess-clave-form], form[data-iess-clave-form] *, form[data-iess-clave-form] *::before, form[data-iess-clave-form] *::after) {
    all: revert !important;
    box-sizing: border-box !important;
    font-family: var(--_font, system-ui, sans-serif) !important;
    font-size: inherit !important;
    line-height: 1.5 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    color: inherit !important;
  }
  form[data-iess-clave-form] {
    display: block !important;
    margin: 0 !important;
    padding: 0 !important;
    font-size: var(--_font-size, 1rem) !important;
    color: var(--_text, #1a1a1a) !important;
    visibility: visible !important;
    opacity: 1 !important;
  }
  form[data-iess-clave-form] .iess-field {
    display: block !important;
    margin: 0 0 var(--_space, 1rem) !important;
  }
  form[data-iess-clave-form] label.iess-label {
    display: block !important;
    font-weight: 600 !important;
    margin: 0 0 0.25rem !important;
  }
  form[data-iess-clave-form] input.iess-input {
    display: block !important;
    width: 100% !important;
    max-width: 24rem !important;
    min-height: 2.75rem !important;
    margin: 0 !important;
    padding: 0.5rem 0.75rem !important;
    font: inherit !important;
    color: var(--_text, #1a1a1a) !important;
    background: var(--_surface, #fff) !important;
    border: 2px solid var(--_border, #6b7280) !important;
    border-radius: var(--_radius, 6px) !important;
    visibility: visible !important;
    opacity: 1 !important;
  }
  form[data-iess-clave-form] input.iess-input[aria-invalid='true'] {
    border-color: var(--_error, #b00020) !important;
  }
  form[data-iess-clave-form] .iess-choice {
    display: flex !important;
    align-items: center !important;
    gap: 0.5rem !important;
    margin: 0 0 var(--_space, 1rem) !important;
  }
  form[data-iess-clave-form] .iess-choice input {
    width: 1.25rem !important;
    height: 1.25rem !important;
    margin: 0 !important;
    accent-color: var(--_primary, #0b4f8a) !important;
  }
  form[data-iess-clave-form] .iess-hint {
    display: block !important;
    color: var(--_muted, #4a4a4a) !important;
    font-size: 0.9375em !important;
    margin: 0 0 0.25rem !important;
  }
  form[data-iess-clave-form] .iess-error {
    display: block !important;
    color: var(--_error, #b00020) !important;
    font-weight: 600 !important;
    margin: 0.25rem 0 !important;
  }
  form[data-iess-clave-form] .iess-rule-list {
    display: block !important;
    list-style: none !important;
    margin: 0 !important;
    padding: 0 !important;
  }
  form[data-iess-clave-form] .iess-rules {
    display: block !important;
    margin: 0 0 var(--_space, 1rem) !important;
    padding: 0.75rem 1rem !important;
    background: var(--_surface-alt, #f2f5f8) !important;
    border-radius: var(--_radius, 6px) !important;
  }
  form[data-iess-clave-form] .iess-rules-title {
    display: block !important;
    font-weight: 600 !important;
    margin: 0 0 0.25rem !important;
  }
  form[data-iess-clave-form] .iess-rules li {
    display: flex !important;
    gap: 0.5rem !important;
    margin: 0.125rem 0 !important;
  }
  form[data-iess-clave-form] .iess-rules .iess-mark {
    display: inline-block !important;
    width: 1.25rem !important;
    flex: none !important;
    font-weight: 700 !important;
    text-align: center !important;
  }
  form[data-iess-clave-form] .iess-rules .iess-ok .iess-mark {
    color: var(--_success, #1b6e2d) !important;
  }
  form[data-iess-clave-form] .iess-visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  form[data-iess-clave-form] .iess-actions {
    display: flex !important;
    flex-wrap: wrap !important;
    gap: 0.75rem !important;
    margin: calc(var(--_space, 1rem) * 1.5) 0 0 !important;
  }
  form[data-iess-clave-form] button.iess-submit {
    display: inline-flex !important;
    align-items: center !important;
    justify-content: center !important;
    min-height: 2.75rem !important;
    min-width: 2.75rem !important;
    padding: 0.5rem 1.25rem !important;
    font: inherit !important;
    font-weight: 700 !important;
    letter-spacing: 0.02em !important;
    color: var(--_on-primary, #fff) !important;
    background: var(--_primary, #0b4f8a) !important;
    border: 2px solid var(--_primary, #0b4f8a) !important;
    border-radius: var(--_radius, 6px) !important;
    cursor: pointer !important;
  }
  form[data-iess-clave-form] button.iess-submit:disabled {
    opacity: 0.6 !important;
    cursor: not-allowed !important;
  }
  form[data-iess-clave-form] :focus-visible {
    outline: 3px solid var(--_focus, #c25e00) !important;
    outline-offset: 2px !important;
  }
  /* after the other rules and more specific than any of them: hidden stays hidden */
  form[data-iess-clave-form] [hidden][hidden][hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    form[data-iess-clave-form] input.iess-input,
    form[data-iess-clave-form] button.iess-submit {
      border: 2px solid CanvasText !important;
    }
    form[data-iess-clave-form] button.iess-submit {
      forced-color-adjust: none !important;
      background: ButtonText !important;
      color: ButtonFace !important;
    }
    form[data-iess-clave-form] :focus-visible {
      outline: 3px solid Highlight !important;
    }
  }
}
`;

let sheet: CSSStyleSheet | undefined;

/** Adopts the guard sheet into the root that holds the form (once per root; CSP-safe). */
export function adoptLightDomGuard(root: Node): void {
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(LIGHT_DOM_GUARD_CSS);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
