/**
 * The views of the steps between the first and the end states (./step-views.ts has the others):
 * outside the first load (issue 15). The shell's controller loads this module with the later
 * steps' transitions (its `later` hook), before any answer can lead to one of these steps.
 */
import { html, nothing } from 'lit';
import type { LaterViews, ViewContext } from './step-views.ts';

const confirmDialog = (c: ViewContext, address = '') =>
  html`<iess-dialogo-confirmacion .localizer=${c.l} .address=${address}></iess-dialogo-confirmacion>`;

export const LATER_VIEWS: LaterViews = {
  verification: (s, c) => html`<iess-paso-verificacion
      data-step
      .localizer=${c.l}
      .busy=${c.busy}
      .questions=${s.verification.questions}
      .attemptsLeft=${s.verification.attemptsLeft}
      .lockMinutes=${s.config?.limits.lockMinutes ?? 0}
      .maskedId=${s.flow.maskedId}
      .failed=${s.problem?.kind === 'verification-failed'}
    ></iess-paso-verificacion>
    ${s.dialog ? confirmDialog(c) : nothing}`,
  'security-questions': (s, c) =>
    html`<iess-paso-preguntas data-step .localizer=${c.l} .busy=${c.busy} .bank=${s.securityQuestions}></iess-paso-preguntas>`,
  email: (s, c) =>
    html`<iess-paso-correo
        data-step
        .localizer=${c.l}
        .busy=${c.busy}
        .email=${s.email}
        .initialAddress=${s.changing?.typedEmail ?? ''}
        .canGoBack=${!!s.changing}
        .portalUrl=${c.portalUrl}
      ></iess-paso-correo
      >${s.dialog ? confirmDialog(c, s.draft?.mode === 'new' ? s.draft.email : (s.email.masked ?? '')) : nothing}`,
  'activation-sent': (s, c) => html`<iess-paso-correo-enviado
    data-step
    .localizer=${c.l}
    .busy=${c.busy}
    .activation=${s.activation}
    .typedEmail=${s.typedEmail ?? ''}
    .clockOffset=${s.clockOffsetMs}
    .now=${c.now}
    .notice=${c.timerNotice('sent')}
  ></iess-paso-correo-enviado>`,
  'new-password': (s, c) => html`<iess-paso-nueva-clave
    data-step
    .localizer=${c.l}
    .busy=${c.busy}
    .declaration=${s.check.declaration}
    .maskedId=${s.check.maskedId}
    .policy=${s.check.policy}
    .identification=${s.identification ?? s.check.maskedId}
    .passwordContext=${s.check.passwordContext}
    .fieldErrors=${s.problem?.fieldErrors}
    .formHost=${c.formHost}
    ><slot name="iess-nueva-clave-form" slot="form"></slot
  ></iess-paso-nueva-clave>`,
};
