import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { StepIntentEvent } from '../events/intents.ts';
import '../i18n/es-later.ts';
import { IessStep } from './step-base.ts';

/**
 * Step 3 and the e-mail confirmation: "Si está seguro de la información registrada, dé clic en
 * ACEPTAR". A native modal <dialog> (showModal traps focus, Escape closes, the page behind is
 * inert) opened as soon as the element is rendered; the request is sent only after ACEPTAR.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'confirm' }` on ACEPTAR, `{ type: 'dismiss' }` on "Revisar los datos" or Escape
 * @csspart dialog - the dialog box
 * @csspart heading - the step's heading
 * @csspart accept - the ACEPTAR button
 * @csspart back - the "Revisar los datos" button
 * @csspart confirm-address - the address the link will go to (e-mail step)
 */
export class IessDialogoConfirmacion extends IessStep {
  static readonly tagName = 'iess-dialogo-confirmacion';
  static override styles = [
    ...IessStep.styles,
    css`
      dialog {
        max-width: min(32rem, calc(100vw - 2rem));
        border: 2px solid var(--_primary);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 1.25);
        color: var(--_text);
        background: var(--_surface);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
      .unbroken-address {
        overflow-wrap: anywhere;
      }
      @media (forced-colors: active) {
        dialog {
          border: 2px solid CanvasText;
        }
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    message: {},
    address: {},
  };

  /** Replaces the standard sentence when a host needs another wording (shown as text). */
  declare message: string;
  /** What ACEPTAR sends to, shown in full under the sentence (the e-mail step: the address as typed in this tab). */
  declare address: string;

  constructor() {
    super();
    this.message = '';
    this.address = '';
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  override firstUpdated(): void {
    if (this.isConnected && !this.dialog?.open) this.dialog?.showModal();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dialog?.close();
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render() {
    const t = this.t.bind(this);
    return html`<dialog part="dialog" aria-labelledby="confirm-title" aria-describedby=${this.address ? 'confirm-text confirm-address' : 'confirm-text'} @cancel=${this.onCancel}>
      <h2 id="confirm-title" tabindex="-1" autofocus part="heading">${t('confirm.title')}</h2>
      <p id="confirm-text">${this.message || t('confirm.text')}</p>
      ${
        this.address
          ? // The space before the line break is what a screen reader hears between the two («a: j***»).
            html`<p id="confirm-address">${t('confirm.emailTo')} <br /><strong class="unbroken-address" part="confirm-address">${this.address}</strong></p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" part="accept" type="button" ?disabled=${this.busy} @click=${this.onAccept}>${t('common.accept')}</button>
        <button class="secondary" part="back" type="button" @click=${this.onBack}>${t('confirm.back')}</button>
      </div>
    </dialog>`;
  }

  private onAccept(): void {
    if (this.busy) return;
    this.dispatchEvent(new StepIntentEvent({ type: 'confirm' }));
  }

  private onBack(): void {
    this.dialog?.close();
    this.dispatchEvent(new StepIntentEvent({ type: 'dismiss' }));
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.onBack();
  }
}
