/**
 * `<iess-recuperar-clave>` and what it keeps: the identification typed at BUSCAR reaching the
 * password manager's username when the e-mail link opens in this same document, and (CS-07)
 * nothing typed left on screen or in the page after finish, cancel, timeout and `pagehide`.
 * Judged by what a person, a password manager or the host page can see; that the flow's memory
 * itself is wiped is proved on the machine (test/unit/flow-memory.test.ts).
 */
import { expect } from '@esm-bundle/chai';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_CEDULA, fixtures } from '../fixtures/api/index.ts';
import { MemoryFlowStore } from '../../widget/flow/store.ts';
import {
  acceptDeclaration,
  cleanupShells,
  generate,
  heading,
  identify,
  mountShell,
  sendEmail,
  settle,
  toWaiting,
  until,
  verify,
  type Mounted,
} from './iess-recuperar-clave-helpers.ts';
import { fieldValues, getByLabel, getByRole, readableText, typeInto } from './screen.ts';

const PASSWORD = 'caballo correcto batería grapa';
/** A valid cédula that the page's own hint ("por ejemplo 1712345675") never shows. */
const OTHER_CEDULA = '0920000015';

/** Opens the e-mail link in this same document (only the fragment changes, no reload) and goes on to the new password. */
async function openLinkHere(m: Mounted): Promise<void> {
  location.hash = `#token=${FIXTURE_ACTIVATION_TOKEN}`;
  await acceptDeclaration(m);
  await heading(m, 'Nueva clave');
  await settle(m.el);
}

/** The username field the new-password form offers password managers (in the host's light DOM). */
function usernameField(m: Mounted): HTMLInputElement {
  const input = m.el.querySelector<HTMLInputElement>('form[data-iess-clave-form] input[autocomplete=username]');
  if (!input) throw new Error('no username field');
  return input;
}

/** Nothing typed is on screen or in the page any more: not in any field, text, or the host's DOM. */
function assertNothingTypedLeft(m: Mounted, canaries: readonly string[] = [FIXTURE_CEDULA, 'Quito', 'caballo']): void {
  for (const typed of canaries) {
    expect(
      fieldValues(m.el).some((v) => v.includes(typed)),
      `a field holds ${typed}`,
    ).to.equal(false);
    expect(readableText(m.el), `the screen shows ${typed}`).not.to.contain(typed);
    expect(document.body.innerHTML, `the page holds ${typed}`).not.to.contain(typed);
  }
}

describe('iess-recuperar-clave: what it keeps', () => {
  afterEach(() => {
    cleanupShells();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('password managers: BUSCAR done in this tab, link opened here → the hidden username field carries the real identification', async () => {
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    await openLinkHere(m);
    expect(location.href).not.to.contain(FIXTURE_ACTIVATION_TOKEN); // CS-08 also for a same-document link
    expect(m.api.callsOf('checkActivation')[0]!.body).to.deep.equal({ token: FIXTURE_ACTIVATION_TOKEN });
    const username = usernameField(m);
    expect(username.value).to.equal(FIXTURE_CEDULA);
    expect(username.hidden).to.equal(true);
  });

  it('password managers: a link for another identification (mask does not fit) → the real one is dropped, the visible optional field shows', async () => {
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    m.api.next('checkActivation', { ...fixtures.checkActivation.recuperar, maskedId: '******0001' });
    await openLinkHere(m);
    const username = usernameField(m);
    expect(username.value).to.equal('');
    expect(username.hidden).to.equal(false);
    expect(document.body.innerHTML).not.to.contain(FIXTURE_CEDULA);
  });

  it('password managers: link opened in a new tab (only the mask is known) → the visible optional username field, empty', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#token=${FIXTURE_ACTIVATION_TOKEN}`);
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await acceptDeclaration(m);
    await heading(m, 'Nueva clave');
    await until(() => m.el.querySelector('input[autocomplete=username]'), 'username field');
    const username = usernameField(m);
    expect(username.value).to.equal('');
    expect(username.hidden).to.equal(false);
  });

  it('CS-07: cancel on the identification step → the typed cédula is gone from the field, the resume store is cleared', async () => {
    const store = new MemoryFlowStore();
    let clears = 0;
    const clear = store.clear.bind(store);
    store.clear = () => {
      clears++;
      clear();
    };
    const m = await mountShell({ store });
    await heading(m, 'Identificación');
    typeInto(getByLabel(m.el, 'Número de cédula'), OTHER_CEDULA);
    getByRole(m.el, 'button', 'Cancelar el trámite').click();
    await settle(m.el);
    await heading(m, 'Identificación');
    expect(getByLabel(m.el, 'Número de cédula').value).to.equal('');
    assertNothingTypedLeft(m, [OTHER_CEDULA]);
    await until(() => clears > 0, 'store cleared');
  });

  it('CS-07: cancel after BUSCAR → back to an empty BUSCAR, nothing typed left, the resume store is cleared', async () => {
    const store = new MemoryFlowStore();
    const m = await mountShell({ store });
    await identify(m, OTHER_CEDULA);
    await verify(m);
    await sendEmail(m);
    await heading(m, 'Revise su correo');
    await until(() => store.load() !== null, 'waiting flow stored');
    getByRole(m.el, 'button', 'Cancelar el trámite').click();
    await heading(m, 'Identificación');
    assertNothingTypedLeft(m, [OTHER_CEDULA, 'Quito']);
    await until(() => store.load() === null, 'store cleared');
  });

  it('CS-07: pagehide on the password step → the light-DOM form with the typed password leaves the document, nothing typed is left', async () => {
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    await openLinkHere(m);
    typeInto(getByLabel(m.el, 'Nueva clave'), PASSWORD);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle(m.el);
    expect(document.querySelector('form[data-iess-clave-form]')).to.equal(null);
    assertNothingTypedLeft(m);
  });

  it('CS-07: pagehide on the identification step, then shown again from the back/forward cache → a fresh, empty step', async () => {
    const m = await mountShell();
    await heading(m, 'Identificación');
    typeInto(getByLabel(m.el, 'Número de cédula'), FIXTURE_CEDULA);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle(m.el);
    assertNothingTypedLeft(m);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await heading(m, 'Identificación');
    expect(getByLabel(m.el, 'Número de cédula').value).to.equal('');
  });

  it('CS-07: pagehide while waiting keeps the (secret-free) resume entry; shown again, the waiting flow resumes without the identification', async () => {
    const store = new MemoryFlowStore();
    const m = await mountShell({ store, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    await settle(m.el);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle(m.el);
    assertNothingTypedLeft(m);
    expect(store.load()?.step).to.equal('activation-sent');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await heading(m, 'Revise su correo');
    // The identification typed before the page was hidden is not known any more: the link opened
    // here offers the visible, empty username field.
    await openLinkHere(m);
    expect(usernameField(m).value).to.equal('');
    expect(usernameField(m).hidden).to.equal(false);
  });

  it('CS-07: the flow times out on the verification step → expired, nothing typed left', async () => {
    const m = await mountShell();
    await identify(m);
    await heading(m, 'Verificación de datos');
    typeInto(getByLabel(m.el, fixtures.startFlow.recuperar.verification.questions[0]!.text), 'Quito');
    m.clock.advance(Date.parse(fixtures.startFlow.recuperar.flowExpiresAt) - m.clock.now() + 1_000);
    await heading(m, 'El enlace o el trámite venció');
    assertNothingTypedLeft(m);
  });

  it('CS-07: FINALIZAR clears the resume store and leaves nothing typed', async () => {
    const store = new MemoryFlowStore();
    const m = await mountShell({ store, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    await openLinkHere(m);
    await generate(m, PASSWORD);
    await heading(m, 'Su clave está lista');
    store.save({
      step: 'activation-sent',
      flowToken: 'x',
      flowExpiresAt: fixtures.startFlow.recuperar.flowExpiresAt,
      case: 'recuperar',
      maskedId: '******5675',
    });
    // FINALIZAR is a real link to the portal: the test page stays where it is.
    const stay = (e: Event) => e.preventDefault();
    window.addEventListener('click', stay, { capture: true });
    try {
      getByRole(m.el, 'link', 'FINALIZAR').click();
      await until(() => store.load() === null, 'store cleared');
    } finally {
      window.removeEventListener('click', stay, { capture: true });
    }
    assertNothingTypedLeft(m);
  });
});
