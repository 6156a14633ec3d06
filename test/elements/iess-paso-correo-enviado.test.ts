import { expect } from '@esm-bundle/chai';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessPasoCorreoEnviado } from '../../widget/steps/iess-paso-correo-enviado.ts';
import { clockOffset } from '../../widget/domain/time.ts';
import { fixtures, FIXTURE_NOW_MS } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, collect, mount, text } from './iess-paso-helpers.ts';

const sent = fixtures.sendActivation.onRecord;

/** A client clock that is one hour wrong: the countdown must not care (CS-13). */
const CLIENT_SKEW_MS = -3_600_000;
const clientAt = (seconds: number) => FIXTURE_NOW_MS + CLIENT_SKEW_MS + seconds * 1000;
const offset = clockOffset(sent.now, clientAt(0));

async function at(el: IessPasoCorreoEnviado, seconds: number): Promise<void> {
  el.now = clientAt(seconds);
  await el.updateComplete;
}

describe('iess-paso-correo-enviado', () => {
  afterEach(cleanup);

  it('has no axe violations', async () => {
    const el = await mount(IessPasoCorreoEnviado, { activation: sent.activation, clockOffset: offset, now: clientAt(0) });
    expect(await axeViolations(el)).to.equal('');
  });

  it('shows sender, the subject ACTIVACIÓN CLAVE, the masked address and the spam hint', async () => {
    const el = await mount(IessPasoCorreoEnviado, { activation: sent.activation, clockOffset: offset, now: clientAt(0) });
    const info = $(el, 'dl').textContent ?? '';
    expect(info).to.contain('no-responder@iess.gob.ec');
    expect($(el, 'dd strong').textContent).to.equal('ACTIVACIÓN CLAVE');
    expect(text(el)).to.contain('j***@g***.com');
    expect(text(el)).to.contain('correo no deseado (spam)');
  });

  it('renders the server strings as text, never as HTML (CS-03)', async () => {
    const hostile = { ...sent.activation, sentTo: '<img src=x onerror=alert(1)>@x.com', from: '<b>iess</b>@x.com' };
    const el = await mount(IessPasoCorreoEnviado, { activation: hostile, clockOffset: offset, now: clientAt(0) });
    expect($$(el, 'img, b')).to.have.length(0);
    expect(text(el)).to.contain('<img src=x onerror=alert(1)>@x.com');
  });

  it('counts down from the server expiresAt corrected by its now, whatever the client clock says', async () => {
    const el = await mount(IessPasoCorreoEnviado, { activation: sent.activation, clockOffset: offset, now: clientAt(0) });
    expect($(el, '[role=timer]').textContent).to.contain('3:00');
    await at(el, 61);
    expect($(el, '[role=timer]').textContent).to.contain('1:59');
  });

  it('adds no live region of its own by default (the shell owns the one live region)', async () => {
    const el = await mount(IessPasoCorreoEnviado, { activation: sent.activation, clockOffset: offset, now: clientAt(0) });
    expect($$(el, '[role=status], [aria-live]')).to.have.length(0);
  });

  it('is a silent timer; with announce-milestones its status line changes only at milestones', async () => {
    const el = await mount(IessPasoCorreoEnviado, {
      activation: sent.activation,
      clockOffset: offset,
      now: clientAt(0),
      announceMilestones: true,
    });
    expect($(el, '[role=timer]').getAttribute('aria-live')).to.equal(null); // role=timer is aria-live=off
    const status = () => $(el, '[role=status]').textContent?.trim();
    expect(status()).to.equal('');
    const seen = new Set<string>();
    for (let s = 0; s <= 180; s += 1) {
      await at(el, s);
      seen.add(status() ?? '');
    }
    expect([...seen]).to.deep.equal([
      '',
      'Quedan 2 minutos para usar el enlace del correo.',
      'Queda 1 minuto para usar el enlace del correo. Si no alcanza, pida un nuevo correo.',
      'El enlace venció. Pida un nuevo correo.',
    ]);
  });

  it('warns at 2 min and 1 min left, and says when the link has expired', async () => {
    const el = await mount(IessPasoCorreoEnviado, { activation: sent.activation, clockOffset: offset, now: clientAt(0) });
    expect($$(el, '[part=warning]')).to.have.length(0);
    await at(el, 60);
    expect($(el, '[part=warning]').textContent).to.contain('Quedan 2 minutos');
    await at(el, 125);
    expect($(el, '[part=warning]').textContent).to.contain('Queda 1 minuto');
    await at(el, 180);
    expect($(el, '[role=timer]').textContent).to.contain('venció');
    expect($$(el, '[part=warning]')).to.have.length(0);
  });

  it('shows the resend cooldown and ignores clicks until it is over; then fires one resend', async () => {
    const el = await mount(IessPasoCorreoEnviado, { activation: sent.activation, clockOffset: offset, now: clientAt(0) });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    const button = $<HTMLButtonElement>(el, '[part=resend]');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect($(el, '#resend-status').textContent).to.contain('Podrá reenviar en 1:00');
    button.click();
    expect(events).to.have.length(0);
    await at(el, 60);
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect($(el, '#resend-status').textContent).to.contain('Quedan 3 reenvíos');
    button.click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'resend' }]);
  });

  it('offers no resend when none are left, and none while busy', async () => {
    const last = fixtures.resendActivation.last;
    const el = await mount(IessPasoCorreoEnviado, {
      activation: last.activation,
      clockOffset: clockOffset(last.now, clientAt(0)),
      now: clientAt(1000),
    });
    const events = collect(el, 'step-intent');
    expect($(el, '#resend-status').textContent).to.contain('Ya no se puede reenviar');
    $<HTMLButtonElement>(el, '[part=resend]').click();
    const busy = await mount(IessPasoCorreoEnviado, { activation: sent.activation, clockOffset: offset, now: clientAt(100), busy: true });
    const busyEvents = collect(busy, 'step-intent');
    $<HTMLButtonElement>(busy, '[part=resend]').click();
    expect(events).to.have.length(0);
    expect(busyEvents).to.have.length(0);
  });
});
