import { expect } from '@esm-bundle/chai';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessEstadoBloqueo } from '../../widget/steps/iess-estado-bloqueo.ts';
import { IessEstadoError, ERROR_KINDS } from '../../widget/steps/iess-estado-error.ts';
import { IessEstadoExpirado } from '../../widget/steps/iess-estado-expirado.ts';
import { problemsByKind } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, collect, mount, text } from './iess-paso-helpers.ts';

function expectContactChannels(el: HTMLElement & { shadowRoot: ShadowRoot | null }): void {
  const contact = el.shadowRoot!.querySelector('[part=contact]')!;
  expect(contact.textContent).to.contain('Atención al Ciudadano');
  expect(contact.querySelector('a[href="mailto:atencionalusuario@iess.gob.ec"]')).not.to.equal(null);
  const phone = contact.querySelector<HTMLAnchorElement>('a[href="tel:+59323945666"]');
  expect(phone?.textContent).to.equal('+593 2 394 5666');
  expect(contact.textContent).to.contain('El trámite en línea está disponible las 24 horas y no tiene costo.');
}

describe('iess-estado-bloqueo', () => {
  afterEach(cleanup);

  it('has no axe violations', async () => {
    const el = await mount(IessEstadoBloqueo, { lockedUntil: problemsByKind.locked.lockedUntil });
    expect(await axeViolations(el)).to.equal('');
  });

  it('says what happened, until when in local time, what to do and whom to call', async () => {
    const el = await mount(IessEstadoBloqueo, { lockedUntil: '2026-11-22T15:30:00.000Z', timeZone: 'America/Guayaquil' });
    expect(text(el)).to.contain('bloqueamos');
    // 15:30 UTC is 10:30 in Ecuador (UTC-5)
    expect(text(el)).to.match(/22 de noviembre de 2026.*10:30/);
    expect(text(el)).not.to.contain('..');
    expect(text(el)).to.contain('Atención al Ciudadano');
    expectContactChannels(el);
  });

  it('without a readable lockedUntil says "más tarde" instead of a wrong date', async () => {
    const el = await mount(IessEstadoBloqueo, { lockedUntil: 'garbage' });
    expect(text(el)).to.contain('más tarde');
  });
});

describe('iess-estado-expirado', () => {
  afterEach(cleanup);

  it('has no axe violations', async () => {
    const el = await mount(IessEstadoExpirado);
    expect(await axeViolations(el)).to.equal('');
  });

  it('explains an expired link or flow, offers a restart intent and the contact channels', async () => {
    const el = await mount(IessEstadoExpirado, { what: 'link' });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    expect(text(el)).to.contain('El enlace de activación ya no es válido');
    el.what = 'flow';
    await el.updateComplete;
    expect(text(el)).to.contain('El tiempo para completar el trámite terminó');
    $<HTMLButtonElement>(el, '[part=restart]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'restart' }]);
    expectContactChannels(el);
  });

  it('each dead link leads somewhere: a new mail (expired), the sign-in (used), the latest mail (replaced) (issue 10)', async () => {
    const el = await mount(IessEstadoExpirado, { what: 'link-expired', canResend: true });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    expect($(el, 'h2').textContent).to.equal('El enlace venció');
    $<HTMLButtonElement>(el, '[part=resend]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'resend' }]);
    expect(await axeViolations(el)).to.equal('');
    // Confirmed, with its cooldown: clicks wait for it.
    el.resent = {
      sentTo: 'j***@g***.com',
      from: 'IESS <no-responder@iess.gob.ec>',
      subject: 'ACTIVACIÓN CLAVE',
      expiresAt: '2026-01-15T15:03:00.000Z',
      resendAvailableAt: '2026-01-15T15:01:00.000Z',
      resendsLeft: 2,
    };
    el.now = Date.parse('2026-01-15T15:00:30.000Z');
    await el.updateComplete;
    expect($(el, '[part=resent]').textContent).to.contain('Enviamos un nuevo correo a j***@g***.com');
    expect(text(el)).to.contain('Podrá reenviar en 0:30');
    $<HTMLButtonElement>(el, '[part=resend]').click();
    expect(events).to.have.length(1);
    expect(await axeViolations(el)).to.equal('');

    el.what = 'link-used';
    el.portalUrl = 'https://www.iess.gob.ec/';
    await el.updateComplete;
    expect($(el, 'h2').textContent).to.equal('Este enlace ya se usó');
    expect($<HTMLAnchorElement>(el, '[part=sign-in]').href).to.equal('https://www.iess.gob.ec/');
    expect($$(el, '[part=resend]')).to.have.length(0);
    el.portalUrl = 'javascript:alert(1)';
    await el.updateComplete;
    expect($$(el, '[part=sign-in]')).to.have.length(0);

    el.what = 'link-replaced';
    await el.updateComplete;
    expect($(el, 'h2').textContent).to.equal('Este enlace fue reemplazado');
    expect(text(el)).to.contain('último correo «ACTIVACIÓN CLAVE»');
    expect($$(el, '[part=resend]')).to.have.length(0);
    expect(await axeViolations(el)).to.equal('');
  });
});

describe('iess-estado-error', () => {
  afterEach(cleanup);

  it('has no axe violations', async () => {
    const el = await mount(IessEstadoError, { kind: 'network' });
    expect(await axeViolations(el)).to.equal('');
  });

  it('has its own sentence for each problem kind, and a generic one for anything else', async () => {
    const sentences = new Set<string>();
    for (const kind of ERROR_KINDS) {
      const el = await mount(IessEstadoError, { kind });
      sentences.add($(el, '.notice').textContent ?? '');
      expectContactChannels(el);
    }
    expect(sentences.size).to.equal(ERROR_KINDS.length);
    const unknown = await mount(IessEstadoError, { kind: 'something-new' });
    expect($(unknown, '.notice').textContent).to.equal('Algo salió mal.');
  });

  it('fires a retry intent, but not while the server asks to wait (retryAfter)', async () => {
    const el = await mount(IessEstadoError, { kind: 'rate-limited', retryAfter: 30 });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    expect($(el, '#retry-wait').textContent).to.contain('0:30');
    $<HTMLButtonElement>(el, '[part=retry]').click();
    expect(events).to.have.length(0);
    el.retryAfter = 0;
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part=retry]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'retry' }]);
  });

  it('can hide the retry when it cannot help', async () => {
    const el = await mount(IessEstadoError, { kind: 'server', noRetry: true });
    expect($$(el, '[part=retry]')).to.have.length(0);
  });
});
