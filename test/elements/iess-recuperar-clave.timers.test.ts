/**
 * `<iess-recuperar-clave>`: ONE announcement mechanism for every time limit (issue 14, finding 1;
 * issue 10, finding 6). The e-mail link on the waiting step and on its own page, the flow's
 * lifetime, a lock and a rate-limit wait each reach the shell's one polite live region at 2 min
 * and 1 min left and at the end, once per milestone, with the words the page shows. Driven on the
 * fixture clock (no real waiting); what is heard is read from the live region's successive texts.
 */
import { expect } from '@esm-bundle/chai';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_CEDULA, FIXTURE_NOW_MS, at, fixtures, recuperarQuestions } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';
import {
  cleanupShells,
  deepActiveElement,
  heading,
  identify,
  liveRegion,
  mountShell,
  problemNotice,
  settle,
  toWaiting,
  verify,
  type Mounted,
} from './iess-recuperar-clave-helpers.ts';
import { findBy, getByLabel, getByRole, queryByRole, readableText, typeInto } from './screen.ts';

/** Every text the live region takes from now on, in order (what a screen reader is handed). */
function heard(m: Mounted): string[] {
  const said: string[] = [];
  const region = liveRegion(m.el);
  const note = () => {
    const text = region.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (text && text !== said[said.length - 1]) said.push(text);
  };
  new MutationObserver(note).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

/**
 * Moves the fixture clock second by second, letting the shell settle after each (a status poll is
 * answered within its second, as over a quick network: its `now` then matches the clock).
 */
async function seconds(m: Mounted, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    m.clock.advance(1_000);
    await settle(m.el);
  }
}

/** How many times `text` was handed to the live region. */
const times = (said: string[], text: string) => said.filter((s) => s.includes(text)).length;

/** The status poll answers with the server's clock = the fixture clock (no skew), the link unchanged. */
function statusAtClock(m: Mounted): void {
  m.api.defaults.getFlowStatus = () => ({ ...fixtures.getFlowStatus.activationSent, now: new Date(m.clock.now()).toISOString() });
}

const timeNotice = (m: Mounted) => m.el.shadowRoot?.querySelector('[part=time-notice]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('iess-recuperar-clave: every timer is announced at 2 min, 1 min and the end, once, as shown', () => {
  afterEach(() => {
    cleanupShells();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('the waiting step (issue 14.1): the link countdown reaches the live region at 2:00, 1:00 and 0:00, each once, in the words shown', async () => {
    const m = await mountShell();
    statusAtClock(m);
    await toWaiting(m); // link: 180 s from FIXTURE_NOW
    const said = heard(m);
    const step = () => m.el.shadowRoot!.querySelector('iess-paso-correo-enviado')!;
    const warning = () => step().shadowRoot!.querySelector('[part=warning]')?.textContent?.trim() ?? '';
    await seconds(m, 59);
    expect(said).to.deep.equal([]);
    expect(warning()).to.equal('');
    await seconds(m, 1); // 2:00 left
    expect(said).to.deep.equal(['Quedan 2 minutos para usar el enlace del correo.']);
    expect(warning()).to.equal('Quedan 2 minutos para usar el enlace del correo.');
    await seconds(m, 60); // 1:00 left
    expect(warning()).to.equal('Queda 1 minuto para usar el enlace del correo. Si no alcanza, pida un nuevo correo.');
    expect(said[said.length - 1]).to.equal(warning());
    await seconds(m, 60); // over
    expect(said).to.deep.equal([
      'Quedan 2 minutos para usar el enlace del correo.',
      'Queda 1 minuto para usar el enlace del correo. Si no alcanza, pida un nuevo correo.',
      'El enlace venció. Pida un nuevo correo.',
    ]);
    expect(step().shadowRoot!.querySelector('[role=timer]')!.textContent).to.contain('El enlace venció. Pida un nuevo correo.');
    await seconds(m, 30);
    expect(said).to.have.length(3); // nothing more: once per milestone
  });

  it('the flow lifetime (issue 10.6): 2 min and 1 min before the flow ends, on any step; the end state says the end', async () => {
    const m = await mountShell();
    await identify(m); // the flow lives 900 s from FIXTURE_NOW
    await heading(m, 'Verificación de datos');
    const said = heard(m);
    m.clock.advance(779_000);
    await settle(m.el);
    expect(timeNotice(m)).to.equal('');
    await seconds(m, 1);
    expect(timeNotice(m)).to.contain('Quedan 2 minutos para completar el trámite.');
    expect(said).to.deep.equal(['Quedan 2 minutos para completar el trámite.']);
    await seconds(m, 60);
    expect(timeNotice(m)).to.contain('Queda 1 minuto para completar el trámite.');
    await seconds(m, 60);
    await heading(m, 'El enlace o el trámite venció');
    expect(times(said, 'Quedan 2 minutos para completar el trámite.')).to.equal(1);
    expect(times(said, 'Queda 1 minuto para completar el trámite.')).to.equal(1);
    expect(said[said.length - 1]).to.equal('El tiempo terminó');
  });

  it('a rate-limit wait (issue 14.8) reads whole minutes, never "2018 segundos", and says why the button waits', async () => {
    const m = await mountShell();
    await identify(m);
    m.api.fail('verify', 'rate-limited', { retryAfter: 2018 });
    await verify(m);
    await findBy(() => problemNotice(m).includes('intentar de nuevo'), 'the wait');
    const first =
      'Demasiados intentos seguidos. Por seguridad, podrá intentar de nuevo en 34 minutos; hasta entonces el botón queda desactivado.';
    expect(problemNotice(m)).to.equal(first);
    // The refusal is read where focus goes, the notice (the live region does not say it twice; issue 14).
    await findBy(() => deepActiveElement() === m.el.shadowRoot!.querySelector('[part=problem]'), 'focus on the notice');
    expect(liveRegion(m.el).textContent).not.to.contain(first);
    expect(readableText(m.el)).not.to.contain('segundos');
  });

  it('a rate-limit wait: its 2 min, 1 min and end are said once, in the words of the notice; the button waits until the end', async () => {
    const m = await mountShell();
    await identify(m);
    m.api.fail('verify', 'rate-limited', { retryAfter: 300 });
    await verify(m);
    await findBy(() => problemNotice(m).includes('en 5 minutos'), 'the wait');
    const said = heard(m);
    m.clock.advance(179_000);
    await settle(m.el);
    expect(problemNotice(m)).to.contain('en 3 minutos');
    expect(said).to.deep.equal([]); // between milestones the page may change, the region stays
    await seconds(m, 1);
    expect(problemNotice(m)).to.contain('en 2 minutos');
    await seconds(m, 60);
    expect(problemNotice(m)).to.contain('en 1 minuto;');
    expect(getByRole<HTMLButtonElement>(m.el, 'button', 'CONTINUAR').disabled).to.equal(true);
    await seconds(m, 60);
    expect(problemNotice(m)).to.equal('Ya puede intentar de nuevo.');
    expect(getByRole<HTMLButtonElement>(m.el, 'button', 'CONTINUAR').disabled).to.equal(false);
    expect(said).to.deep.equal([
      'Demasiados intentos seguidos. Por seguridad, podrá intentar de nuevo en 2 minutos; hasta entonces el botón queda desactivado.',
      'Demasiados intentos seguidos. Por seguridad, podrá intentar de nuevo en 1 minuto; hasta entonces el botón queda desactivado.',
      'Ya puede intentar de nuevo.',
    ]);
  });

  it('a lock: 2 min and 1 min before it ends, then the end with the way forward ("Iniciar de nuevo")', async () => {
    const m = await mountShell();
    await identify(m);
    m.api.fail('verify', 'locked', { lockedUntil: at(150), attemptsLeft: 0 });
    await verify(m);
    await heading(m, 'Acceso bloqueado temporalmente');
    const said = heard(m);
    await seconds(m, 30);
    expect(timeNotice(m)).to.equal('El bloqueo termina en 2 minutos.');
    await seconds(m, 60);
    expect(timeNotice(m)).to.equal('El bloqueo termina en 1 minuto.');
    expect(queryByRole(m.el, 'button', 'Iniciar de nuevo')).to.equal(undefined);
    await seconds(m, 60);
    expect(timeNotice(m)).to.contain('El bloqueo terminó. Ya puede iniciar el trámite otra vez.');
    expect(said).to.deep.equal([
      'El bloqueo termina en 2 minutos.',
      'El bloqueo termina en 1 minuto.',
      'El bloqueo terminó. Ya puede iniciar el trámite otra vez.',
    ]);
    getByRole(m.el, 'button', 'Iniciar de nuevo').click();
    await heading(m, 'Identificación');
  });

  it('the link page: 2 min and 1 min left of the link are shown and said once (its end is the expired state)', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#token=${FIXTURE_ACTIVATION_TOKEN}`);
    const api = new FakeRecoveryApi();
    api.next('checkActivation', fixtures.checkActivation.recuperar); // 140 s left by the server's clock
    const m = await mountShell({ api, clockAt: FIXTURE_NOW_MS - 7_200_000 }); // the client clock is 2 h slow: no matter
    await heading(m, 'Nueva clave');
    const said = heard(m);
    const timer = () => m.el.shadowRoot!.querySelector('[part=link-timer]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(timer()).not.to.contain('Quedan');
    await seconds(m, 20);
    expect(timer()).to.contain('Quedan 2 minutos para usar este enlace.');
    await seconds(m, 60);
    expect(timer()).to.contain('Queda 1 minuto para usar este enlace: termine pronto.');
    await seconds(m, 30);
    expect(said).to.deep.equal([
      'Quedan 2 minutos para usar este enlace.',
      'Queda 1 minuto para usar este enlace: termine pronto. Si vence, podrá pedir uno nuevo.',
    ]);
  });

  it('"Necesito más tiempo" at 2 min left extends the flow on the server; what was typed stays; the new time is said; focus goes back to the heading', async () => {
    const m = await mountShell();
    await identify(m);
    await heading(m, 'Verificación de datos');
    const answer = getByLabel(m.el, recuperarQuestions[0]!.text);
    typeInto(answer, 'Firulais');
    const said = heard(m);
    m.clock.advance(780_000);
    await settle(m.el);
    expect(timeNotice(m)).to.contain('Quedan 2 minutos para completar el trámite.');
    const more = getByRole(m.el, 'button', 'Necesito más tiempo');
    more.focus();
    more.click();
    await findBy(() => timeNotice(m).includes('Listo'), 'the extension');
    // The pressed button is gone: focus goes back to the step's heading, never to the page (WCAG 2.4.3, issue 14).
    const title = await heading(m, 'Verificación de datos');
    await findBy(() => deepActiveElement() === title, 'focus on the step heading');
    expect(m.api.callsOf('extendFlow')).to.have.length(1);
    expect(timeNotice(m)).to.equal('Listo: tiene 15 minutos más para completar el trámite.');
    expect(said).to.deep.equal(['Quedan 2 minutos para completar el trámite.', 'Listo: tiene 15 minutos más para completar el trámite.']);
    expect(getByLabel(m.el, recuperarQuestions[0]!.text).value).to.equal('Firulais');
    // The old expiry is gone: nothing ends at 900 s; the new flow warns again at 2 min before its new end.
    m.clock.advance(240_000);
    await settle(m.el);
    await heading(m, 'Verificación de datos');
    m.clock.advance(540_000);
    await settle(m.el);
    expect(timeNotice(m)).to.contain('Quedan 2 minutos para completar el trámite.');
  });

  it('when no extension is left the server refuses and the step says so, with focus on the notice; the button is gone', async () => {
    const m = await mountShell();
    m.api.fail('extendFlow', 'extension-limit');
    await identify(m);
    await heading(m, 'Verificación de datos');
    m.clock.advance(780_000);
    await settle(m.el);
    const more = getByRole(m.el, 'button', 'Necesito más tiempo');
    more.focus();
    more.click();
    await findBy(() => problemNotice(m).includes('no se puede ampliar'), 'the refusal');
    // Refused, the step kept: focus on the notice, read there and not said again (WCAG 2.4.3, issue 14).
    await findBy(() => deepActiveElement() === m.el.shadowRoot!.querySelector('[part=problem]'), 'focus on the notice');
    expect(liveRegion(m.el).textContent).not.to.contain('Ya no se puede ampliar el tiempo de este trámite.');
    expect(queryByRole(m.el, 'button', 'Necesito más tiempo')).to.equal(undefined);
  });

  it('in English the same milestones, in English', async () => {
    const m = await mountShell({ attrs: { lang: 'en' } });
    statusAtClock(m);
    await identifyInEnglish(m);
    const said = heard(m);
    m.clock.advance(780_000);
    await settle(m.el);
    expect(timeNotice(m)).to.contain('2 minutes left to complete the procedure.');
    expect(said).to.deep.equal(['2 minutes left to complete the procedure.']);
  });
});

/** BUSCAR in the English widget (SEARCH). */
async function identifyInEnglish(m: Mounted): Promise<void> {
  await heading(m, 'Identification');
  typeInto(getByLabel(m.el, 'Cédula number'), FIXTURE_CEDULA);
  getByRole<HTMLInputElement>(m.el, 'checkbox', 'I am not a robot').click();
  await findBy(() => /Verified/.test(readableText(m.el)), 'the solved robot check');
  getByRole(m.el, 'button', 'SEARCH').click();
  await heading(m, 'Verify your details');
}
