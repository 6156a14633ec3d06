/**
 * The LIGHT-DOM half of "Nueva clave" (docs/widget-forms.md): a real <form> with a
 * username field and two `autocomplete="new-password"` inputs in the page's own tree, where
 * password managers look for them, each with a <label for> in the same tree (so assistive
 * technology and axe see the names). The form is slotted into the step's shadow root; its
 * looks are guarded by widget/styles/light-dom-guard.ts. Classes are `iess-*` so the guard's
 * scoped selectors reach them and nothing of the host's does.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PasswordRuleResult } from '../domain/password.ts';

export interface NuevaClaveFormView {
  /** Unique prefix for ids (the form is in the document: two widgets must not collide). */
  readonly ids: string;
  /** The identification for the username field; '' when unknown (a visible optional field is shown). */
  readonly identification: string;
  readonly password: string;
  readonly confirmation: string;
  readonly reveal: boolean;
  readonly busy: boolean;
  readonly rules: readonly { result: PasswordRuleResult; label: string }[];
  readonly passwordError: string;
  readonly confirmationError: string;
  readonly text: {
    username: string;
    usernameVisible: string;
    usernameHint: string;
    password: string;
    confirmation: string;
    show: string;
    rulesTitle: string;
    met: string;
    unmet: string;
    submit: string;
  };
  onPassword(value: string): void;
  onConfirmation(value: string): void;
  onReveal(value: boolean): void;
}

interface PasswordField {
  /** The input's id; its error is `<id>-error`. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly error: string;
  readonly describedBy: string;
  readonly value: string;
  onInput(value: string): void;
}

/** One `new-password` input with its label and error, all in the same (light) tree. */
function passwordField(type: string, f: PasswordField): TemplateResult {
  return html`<div class="iess-field">
    <label class="iess-label" for=${f.id}>${f.label}</label>
    ${f.error ? html`<span class="iess-error" id=${`${f.id}-error`}>${f.error}</span>` : nothing}
    <input
      class="iess-input"
      type=${type}
      name=${f.name}
      id=${f.id}
      autocomplete="new-password"
      autocapitalize="off"
      spellcheck="false"
      aria-required="true"
      aria-invalid=${f.error ? 'true' : 'false'}
      aria-describedby=${f.describedBy || nothing}
      .value=${f.value}
      @input=${(e: Event) => f.onInput((e.target as HTMLInputElement).value)}
    />
  </div>`;
}

export function renderNuevaClaveForm(v: NuevaClaveFormView): TemplateResult {
  const type = v.reveal ? 'text' : 'password';
  const id = (name: string) => `${v.ids}-${name}`;
  const describedBy = (error: string, ...more: string[]) => [...more, error ? id('password-error') : ''].filter(Boolean).join(' ');
  return html`
    ${
      v.identification
        ? html`<input
          type="text"
          name="username"
          id=${id('username')}
          autocomplete="username"
          aria-label=${v.text.username}
          .value=${v.identification}
          readonly
          hidden
          tabindex="-1"
        />`
        : html`<div class="iess-field">
          <label class="iess-label" for=${id('username')}>${v.text.usernameVisible}</label>
          <span class="iess-hint" id=${id('username-hint')}>${v.text.usernameHint}</span>
          <input
            class="iess-input"
            type="text"
            name="username"
            id=${id('username')}
            autocomplete="username"
            spellcheck="false"
            aria-describedby=${id('username-hint')}
          />
        </div>`
    }
    ${passwordField(type, {
      id: id('password'),
      name: 'new-password',
      label: v.text.password,
      error: v.passwordError,
      describedBy: describedBy(v.passwordError, id('rules')),
      value: v.password,
      onInput: v.onPassword,
    })}
    ${passwordField(type, {
      id: id('confirmation'),
      name: 'new-password-confirmation',
      label: v.text.confirmation,
      error: v.confirmationError,
      describedBy: v.confirmationError ? id('confirmation-error') : '',
      value: v.confirmation,
      onInput: v.onConfirmation,
    })}
    <label class="iess-choice" for=${id('reveal')}>
      <input type="checkbox" id=${id('reveal')} .checked=${v.reveal} @change=${(e: Event) => v.onReveal((e.target as HTMLInputElement).checked)} />
      <span>${v.text.show}</span>
    </label>
    <div class="iess-rules" id=${id('rules')}>
      <span class="iess-rules-title">${v.text.rulesTitle}</span>
      <ul class="iess-rule-list">
        ${v.rules.map(
          ({ result, label }) => html`<li class=${result.ok ? 'iess-ok' : 'iess-pending'} data-rule=${result.rule}>
            <span class="iess-mark" aria-hidden="true">${result.ok ? '✓' : '•'}</span>
            <span>${label}<span class="iess-visually-hidden">: ${result.ok ? v.text.met : v.text.unmet}</span></span>
          </li>`,
        )}
      </ul>
    </div>
    <div class="iess-actions">
      <button class="iess-submit" type="submit" ?disabled=${v.busy}>${v.text.submit}</button>
    </div>
  `;
}
