/**
 * `<iess-recuperar-clave>` and a server's `retryAfter` (rate-limited): the wait is counted down on
 * the server's clock with the controllable clock, the step's action is disabled while it runs and
 * works again when it ends (said once in the live region); the error state counts down the same way.
 * Acted on and read like a person: buttons, what the notice says.
 */
import { expect } from '@esm-bundle/chai';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_NOW_MS } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';
import {
  accept,
  cleanupShells,
  heading,
  identify,
  liveRegion,
  mountShell,
  pressContinuar,
  problemNotice,
  settle,
  verify,
  type Mounted,
} from './iess-recuperar-clave-helpers.ts';
import { findBy, getByRole, readableText } from './screen.ts';

/** The verification's CONTINUAR: disabled while a request is in flight or a wait runs. */
const continuar = (m: Mounted) => getByRole<HTMLButtonElement>(m.el, 'button', 'CONTINUAR');

/** BUSCAR, then a verification the server answers with 429 (the fixture's problem: retryAfter 30, now = FIXTURE_NOW). */
async function verifyRateLimited(m: Mounted): Promise<void> {
  await identify(m);
  m.api.fail('verify', 'rate-limited');
  await verify(m);
  await findBy(() => problemNotice(m).includes('podrá intentar de nuevo en'), 'the wait');
}

async function advance(m: Mounted, ms: number): Promise<void> {
  m.clock.advance(ms);
  await settle(m.el);
}

describe('iess-recuperar-clave: retryAfter', () => {
  afterEach(() => {
    cleanupShells();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('rate-limited on a step: a 30 s wait reads "1 minuto", the action stays disabled to its last second, then works again (said once)', async () => {
    const m = await mountShell();
    await verifyRateLimited(m);
    expect(problemNotice(m)).to.contain('podrá intentar de nuevo en 1 minuto; hasta entonces el botón queda desactivado');
    expect(continuar(m).disabled).to.equal(true);
    await advance(m, 10_000);
    expect(continuar(m).disabled).to.equal(true);
    await advance(m, 19_000);
    expect(problemNotice(m)).to.contain('en 1 minuto');
    expect(continuar(m).disabled).to.equal(true);
    await advance(m, 1_000);
    expect(continuar(m).disabled).to.equal(false);
    expect(problemNotice(m)).to.contain('Ya puede intentar de nuevo');
    expect(liveRegion(m.el).textContent).to.contain('Ya puede intentar de nuevo');
    // What was typed stays, and the action works again: CONTINUAR, ACEPTAR is sent.
    await pressContinuar(m);
    await accept(m);
    await heading(m, 'Correo electrónico');
    expect(m.api.callsOf('verify')).to.have.length(2);
    expect(m.api.callsOf('verify')[1]!.body).to.deep.equal(m.api.callsOf('verify')[0]!.body);
  });

  it('CS-13: the wait is counted on the server clock — a client clock 1 h fast still waits the full 30 s', async () => {
    const m = await mountShell({ clockAt: FIXTURE_NOW_MS + 3_600_000 });
    await verifyRateLimited(m);
    expect(problemNotice(m)).to.contain('en 1 minuto');
    expect(continuar(m).disabled).to.equal(true);
    await advance(m, 29_000);
    expect(continuar(m).disabled).to.equal(true);
    await advance(m, 1_000);
    expect(continuar(m).disabled).to.equal(false);
  });

  it('rate-limited on the link check: the error state counts down and re-enables "Reintentar"', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#token=${FIXTURE_ACTIVATION_TOKEN}`);
    const api = new FakeRecoveryApi().fail('checkActivation', 'rate-limited', { retryAfter: 90 });
    const m = await mountShell({ api });
    await heading(m, 'No pudimos completar la operación');
    const retry = () => getByRole(m.el, 'button', 'Reintentar');
    expect(retry().getAttribute('aria-disabled')).to.equal('true');
    const waitText = () => readableText(m.el);
    expect(waitText()).to.contain('1:30');
    retry().click(); // while the wait runs, nothing happens
    await settle(m.el);
    expect(api.callsOf('checkActivation')).to.have.length(1);
    await advance(m, 45_000);
    expect(waitText()).to.contain('0:45');
    await advance(m, 45_000);
    expect(retry().getAttribute('aria-disabled')).to.equal('false');
    retry().click();
    await heading(m, 'Nueva clave');
    expect(api.callsOf('checkActivation')).to.have.length(2);
  });
});
