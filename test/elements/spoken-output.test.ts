/**
 * What a screen reader user HEARS (issue 14), from @guidepup/virtual-screen-reader through the
 * composed-tree adapter of ./spoken.ts: at each step change (the polite live region and the new
 * heading that takes focus), at the confirm dialogs, at a refusal (the shell's problem notice when
 * there is no field to correct, the error summary after a refused password), at the link's and the
 * flow's timer milestones, after "Necesito más tiempo" and after a resend — in Spanish and English.
 * Phrases are the library's: "role, name, description, states"; "polite: …" is the live region.
 * Driven on the fake API and the fixture clock; waits are for conditions, never fixed sleeps.
 */
import { expect } from '@esm-bundle/chai';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_CEDULA, fixtures, securityQuestionBank } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';
import { cleanupShells, liveRegion, mountShell, settle, type Mounted } from './iess-recuperar-clave-helpers.ts';
import { allByRole, choose, findBy, findByRole, getByLabel, readableText, typeInto } from './screen.ts';
import { listen, type Listener } from './spoken.ts';

const stages: HTMLElement[] = [];

/**
 * The widget on a stage of its own, the virtual screen reader listening once it is drawn (it then
 * follows focus into every shadow root). With `fromLoad` it listens to the empty stage first, so
 * the first words of the widget are heard too; the library then does not follow focus into the
 * shadow roots that appear later (its tree is built at start), so only the live region is used.
 */
async function mountListened(options: Parameters<typeof mountShell>[0] = {}, fromLoad = false): Promise<{ m: Mounted; sr: Listener }> {
  const stage = document.createElement('div');
  document.body.append(stage);
  stages.push(stage);
  if (fromLoad) {
    const sr = await listen(stage);
    return { m: await mountShell({ ...options, parent: stage }), sr };
  }
  const m = await mountShell({ ...options, parent: stage });
  // Listening starts once the first step has been said in the widget's language (an English page's
  // first step waits for the English words), so every walk starts from the same place.
  await findBy(() => (liveRegion(m.el).textContent?.trim() ?? '') !== '', 'the first step said');
  return { m, sr: await listen(stage) };
}

/** The phrases in `heard` that match `wanted`, in the order heard (what the test cares about, without the rest). */
const only = (heard: readonly string[], wanted: RegExp) => heard.filter((p) => wanted.test(p));

/**
 * Each step change as heard: what the live region says, then the first level-2 heading focus reads
 * after it. (The confirm dialogs are heard in between; they are checked on their own.)
 */
function stepChanges(heard: readonly string[]): string[] {
  const changes: string[] = [];
  let awaitingHeading = false;
  for (const phrase of heard) {
    if (phrase.startsWith('polite: ')) {
      changes.push(phrase);
      awaitingHeading = true;
    } else if (awaitingHeading && /^heading, .*, level 2$/.test(phrase)) {
      changes.push(phrase);
      awaitingHeading = false;
    }
  }
  return changes;
}

/** The words a person looks for on screen, per language. */
const WORDS = {
  es: {
    id: 'Número de cédula',
    robot: 'No soy un robot',
    verified: 'Verificado',
    search: 'BUSCAR',
    day: 'Día',
    month: 'Mes',
    continue: 'CONTINUAR',
    accept: 'ACEPTAR',
    password: 'Nueva clave',
    confirmation: 'Confirme la nueva clave',
    create: 'GENERAR',
    waiting: 'Revise su correo',
    done: 'Su clave está lista',
    resend: 'Reenviar correo',
    more: 'Necesito más tiempo',
  },
  en: {
    id: 'Cédula number',
    robot: 'I am not a robot',
    verified: 'Verified',
    search: 'SEARCH',
    day: 'Day',
    month: 'Month',
    continue: 'CONTINUE',
    accept: 'ACCEPT',
    password: 'New password',
    confirmation: 'Confirm the new password',
    create: 'CREATE',
    waiting: 'Check your e-mail',
    done: 'Your password is ready',
    resend: 'Resend e-mail',
    more: 'I need more time',
  },
} as const;
type Lang = keyof typeof WORDS;
type Words = (typeof WORDS)[Lang];

/** The field labelled `label`, once it is there. */
function findByLabel<E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(m: Mounted, label: string): Promise<E> {
  const field = () => {
    try {
      return getByLabel<E>(m.el, label);
    } catch {
      return undefined;
    }
  };
  return findBy(field, `the field ${label}`);
}

const click = async (m: Mounted, role: 'button' | 'checkbox', name: string | RegExp) => {
  const target = await findByRole(m.el, role, name);
  target.focus(); // as a keyboard or a screen reader user presses it: focus is on it first
  target.click();
};

/** BUSCAR: the identification, "No soy un robot" (solved for real), the button. */
async function search(m: Mounted, w: Words): Promise<void> {
  typeInto(await findByLabel(m, w.id), FIXTURE_CEDULA);
  await click(m, 'checkbox', w.robot);
  await findBy(() => readableText(m.el).includes(w.verified), 'the solved robot check');
  await click(m, 'button', w.search);
}

/** Verification: birth date, every question answered, CONTINUAR, ACEPTAR. */
async function answerVerification(m: Mounted, w: Words): Promise<void> {
  choose(await findByLabel<HTMLSelectElement>(m, w.day), '14');
  choose(getByLabel<HTMLSelectElement>(m.el, w.month), '3');
  for (const field of allByRole<HTMLInputElement>(m.el, 'textbox')) typeInto(field, 'Quito');
  for (const radio of allByRole<HTMLInputElement>(m.el, 'radio'))
    if (!allByRole<HTMLInputElement>(m.el, 'radio').some((r) => r.name === radio.name && r.checked)) radio.click();
  await click(m, 'button', w.continue);
  await click(m, 'button', w.accept);
}

/** Security questions (generar): three answered, CONTINUAR. */
async function answerSecurityQuestions(m: Mounted, w: Words): Promise<void> {
  const first = securityQuestionBank.questions[0]!.text;
  await findBy(
    () => allByRole(m.el, 'textbox').some((f) => (f as HTMLInputElement).labels?.[0]?.textContent?.includes(first)),
    'the security questions',
  );
  allByRole<HTMLInputElement>(m.el, 'textbox')
    .slice(0, 3)
    .forEach((f, i) => typeInto(f, `respuesta número ${i}`));
  await click(m, 'button', w.continue);
}

/** The address on record: CONTINUAR, ACEPTAR; then the waiting page. */
async function sendToRecord(m: Mounted, w: Words): Promise<void> {
  await findBy(() => readableText(m.el).includes('j***@g***.com'), 'the address on record');
  await click(m, 'button', w.continue);
  await click(m, 'button', w.accept);
  await findByRole(m.el, 'heading', w.waiting);
}

/** Opens the e-mail's link in this tab: the address changes only its fragment. */
function openLink(): void {
  location.hash = `#token=${FIXTURE_ACTIVATION_TOKEN}`;
}

/** The page the link opens ("Nueva clave", the declaration on it): ticks the declaration, the password twice, GENERAR. */
async function finish(m: Mounted, w: Words, password = 'caballo correcto batería grapa'): Promise<void> {
  await click(m, 'checkbox', /^Declaro que toda la información registrada es fidedigna/);
  typeInto(await findByLabel(m, w.password), password);
  typeInto(getByLabel(m.el, w.confirmation), password);
  await click(m, 'button', w.create);
}

/** What each case says at each step change, in each language (live region, then the heading focus reads). */
const WALKS: Record<Lang, Record<'generar' | 'recuperar', string[]>> = {
  es: {
    generar: [
      'polite: Paso 2 de 6: Verificación de datos',
      'heading, Verificación de datos, level 2',
      'polite: Paso 3 de 6: Preguntas de seguridad',
      'heading, Preguntas de seguridad, level 2',
      'polite: Paso 4 de 6: Correo electrónico',
      'heading, Correo electrónico, level 2',
      'polite: Paso 5 de 6: Correo enviado',
      'heading, Revise su correo, level 2',
      // The link's page is a page load (the e-mail opens it): said, focus left where the page puts it.
      'polite: Paso 6 de 6: Nueva clave',
      'polite: Clave lista',
      'heading, Su clave está lista, level 2',
    ],
    recuperar: [
      'polite: Paso 2 de 5: Verificación de datos',
      'heading, Verificación de datos, level 2',
      'polite: Paso 3 de 5: Correo electrónico',
      'heading, Correo electrónico, level 2',
      'polite: Paso 4 de 5: Correo enviado',
      'heading, Revise su correo, level 2',
      'polite: Paso 5 de 5: Nueva clave',
      'polite: Clave lista',
      'heading, Su clave está lista, level 2',
    ],
  },
  en: {
    generar: [
      'polite: Step 2 of 6: Verify your details',
      'heading, Verify your details, level 2',
      'polite: Step 3 of 6: Security questions',
      'heading, Security questions, level 2',
      'polite: Step 4 of 6: E-mail',
      'heading, E-mail, level 2',
      'polite: Step 5 of 6: E-mail sent',
      'heading, Check your e-mail, level 2',
      'polite: Step 6 of 6: New password',
      'polite: Password ready',
      'heading, Your password is ready, level 2',
    ],
    recuperar: [
      'polite: Step 2 of 5: Verify your details',
      'heading, Verify your details, level 2',
      'polite: Step 3 of 5: E-mail',
      'heading, E-mail, level 2',
      'polite: Step 4 of 5: E-mail sent',
      'heading, Check your e-mail, level 2',
      'polite: Step 5 of 5: New password',
      'polite: Password ready',
      'heading, Your password is ready, level 2',
    ],
  },
};

/**
 * The confirm dialog: on the verification step, then on the e-mail step (described by the address
 * too, after a space: the line break between sentence and address said nothing, «a:j***»).
 */
const DIALOGS: Record<Lang, string[]> = {
  es: [
    'dialog, Confirmación, Si está seguro de la información registrada, dé clic en ACEPTAR',
    'dialog, Confirmación, Si está seguro de la información registrada, dé clic en ACEPTAR Enviaremos el enlace de activación a: j***@g***.com',
  ],
  en: [
    'dialog, Confirmation, If you are sure of the information you entered, click ACCEPT',
    'dialog, Confirmation, If you are sure of the information you entered, click ACCEPT We will send the activation link to: j***@g***.com',
  ],
};

const VERIFY_HEADING: Record<Lang, string> = { es: 'Verificación de datos', en: 'Verify your details' };

/** Moves the fixture clock `n` seconds, one at a time, letting the shell settle after each (as the timers tests do). */
async function seconds(m: Mounted, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    m.clock.advance(1_000);
    await settle(m.el);
  }
}

/** The status poll answers with the server's clock = the fixture clock, the link unchanged (so a resend's cooldown passes). */
function statusAtClock(m: Mounted): void {
  m.api.defaults.getFlowStatus = () => ({ ...fixtures.getFlowStatus.activationSent, now: new Date(m.clock.now()).toISOString() });
}

describe('spoken output (virtual screen reader)', () => {
  afterEach(() => {
    cleanupShells();
    for (const stage of stages.splice(0)) stage.remove();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('page load (es): "Paso 1: Identificación" is said, without a total (generar and recuperar are told apart only by BUSCAR)', async () => {
    const { m, sr } = await mountListened({}, true);
    await findByRole(m.el, 'heading', 'Identificación');
    await sr.hears('polite: Paso 1: Identificación');
    expect(only(await sr.heard(), /^polite: /)).to.deep.equal(['polite: Paso 1: Identificación']);
  });

  it('page load (en): "Step 1: Identification" is said once the English words are in, never the Spanish first', async () => {
    const { m, sr } = await mountListened({ attrs: { lang: 'en' } }, true);
    await findByRole(m.el, 'heading', 'Identification');
    await sr.hears('polite: Step 1: Identification');
    expect(only(await sr.heard(), /^polite: /)).to.deep.equal(['polite: Step 1: Identification']);
  });

  for (const lang of ['es', 'en'] as const) {
    for (const kind of ['generar', 'recuperar'] as const) {
      it(`${kind} (${lang}): each step change is said once and focus reads the new heading; the confirm dialog is heard with its question (and the address on the e-mail step)`, async () => {
        const w = WORDS[lang];
        const { m, sr } = await mountListened({ api: new FakeRecoveryApi(kind), attrs: { lang } });
        await findByRole(m.el, 'heading', lang === 'es' ? 'Identificación' : 'Identification');
        await search(m, w);
        await answerVerification(m, w);
        if (kind === 'generar') await answerSecurityQuestions(m, w);
        await sendToRecord(m, w);
        openLink();
        await finish(m, w);
        await sr.hears(`heading, ${w.done}, level 2`);
        const heard = await sr.heard();
        expect(stepChanges(heard)).to.deep.equal(WALKS[lang][kind]);
        expect(only(heard, /^dialog, /)).to.deep.equal(DIALOGS[lang]);
      });
    }
  }

  for (const lang of ['es', 'en'] as const) {
    it(`a refusal caught in the browser (${lang}): focus on the summary, heard as an alert with its title and a link per problem`, async () => {
      const { m, sr } = await mountListened({ api: new FakeRecoveryApi('generar'), attrs: { lang } });
      await search(m, WORDS[lang]);
      await sr.hears(`heading, ${VERIFY_HEADING[lang]}, level 2`);
      await sr.mark();
      await click(m, 'button', WORDS[lang].continue);
      await sr.hears('alert');
      const read = await sr.readOn(22);
      expect(read.slice(0, 2)).to.deep.equal([
        lang === 'es' ? 'heading, Hay 4 problemas que corregir, level 3' : 'heading, There are 4 problems to fix, level 3',
        'list',
      ]);
      expect(only(read, /^link, /)).to.deep.equal(
        lang === 'es'
          ? [
              'link, Seleccione el día de su nacimiento.',
              'link, Seleccione el mes de su nacimiento.',
              'link, Responda la pregunta: ¿Cuál de estos fue uno de sus empleadores?',
              'link, Responda la pregunta: ¿En qué año realizó su primer aporte?',
            ]
          : [
              'link, Choose the day you were born.',
              'link, Choose the month you were born.',
              // The server's questions stay in Spanish (marked lang="es" in the English widget).
              'link, Answer the question: ¿Cuál de estos fue uno de sus empleadores?',
              'link, Answer the question: ¿En qué año realizó su primer aporte?',
            ],
      );
      expect(read[read.length - 1]).to.equal('end of alert');
    });
  }

  for (const lang of ['es', 'en'] as const) {
    it(`a refusal by the server that keeps the step (${lang}): focus on the notice, read there with the attempts left, not said again`, async () => {
      const api = new FakeRecoveryApi('generar');
      api.fail('verify', 'verification-failed', { attemptsLeft: 4 });
      const { m, sr } = await mountListened({ api, attrs: { lang } });
      await search(m, WORDS[lang]);
      await sr.hears(`heading, ${VERIFY_HEADING[lang]}, level 2`);
      await sr.mark();
      await answerVerification(m, WORDS[lang]);
      const said =
        lang === 'es'
          ? 'Los datos no coinciden con nuestros registros. Le quedan 4 intentos.'
          : 'The data do not match our records. You have 4 attempts left.';
      await sr.hears('paragraph');
      expect(await sr.readOn(1)).to.deep.equal([said]);
      expect(await sr.heard()).not.to.include(`polite: ${said}`);
    });
  }

  for (const lang of ['es', 'en'] as const) {
    it(`GENERAR refused by the server (${lang}): focus on the error summary, heard as an alert whose item says why`, async () => {
      const api = new FakeRecoveryApi('generar');
      api.fail('completeActivation', 'password-rejected', { fieldErrors: { password: ['weak'] } });
      openLink();
      const { m, sr } = await mountListened({ api, attrs: { lang }, clockAt: Date.parse(fixtures.checkActivation.generar.now) });
      await findByRole(m.el, 'checkbox', /^Declaro/);
      await sr.mark();
      await finish(m, WORDS[lang]);
      await sr.hears('alert');
      const read = await sr.readOn(4);
      expect(read.slice(0, 3)).to.deep.equal(
        lang === 'es'
          ? ['heading, Hay 1 problema que corregir, level 3', 'list', 'listitem, level 1, position 1, set size 1']
          : ['heading, There is 1 problem to fix, level 3', 'list', 'listitem, level 1, position 1, set size 1'],
      );
      expect(read[3]).to.match(lang === 'es' ? /^link, Esa clave es fácil de adivinar: / : /^link, That password is easy to guess: /);
    });
  }

  for (const lang of ['es', 'en'] as const) {
    it(`the e-mail link's time on the waiting step (${lang}): 2 min and 1 min left are said, once each`, async () => {
      const { m, sr } = await mountListened({ attrs: { lang } });
      statusAtClock(m);
      await search(m, WORDS[lang]);
      await answerVerification(m, WORDS[lang]);
      await sendToRecord(m, WORDS[lang]); // the link: 180 s from the fixture's now
      await sr.mark();
      await seconds(m, 59);
      expect(only(await sr.heard(), /^polite: /)).to.deep.equal([]);
      await seconds(m, 1);
      const two =
        lang === 'es' ? 'polite: Quedan 2 minutos para usar el enlace del correo.' : 'polite: 2 minutes left to use the e-mail link.';
      await sr.hears(two);
      await seconds(m, 60);
      const one =
        lang === 'es'
          ? 'polite: Queda 1 minuto para usar el enlace del correo. Si no alcanza, pida un nuevo correo.'
          : 'polite: 1 minute left to use the e-mail link. If you run out of time, ask for a new e-mail.';
      await sr.hears(one);
      expect(only(await sr.heard(), /^polite: /)).to.deep.equal([two, one]);
    });
  }

  for (const lang of ['es', 'en'] as const) {
    it(`a resend that went through is said, with the address and the button to use (${lang})`, async () => {
      const { m, sr } = await mountListened({ attrs: { lang } });
      statusAtClock(m);
      await search(m, WORDS[lang]);
      await answerVerification(m, WORDS[lang]);
      await sendToRecord(m, WORDS[lang]);
      for (let i = 0; i < 12; i++) {
        m.clock.advance(5_000); // past the resend cooldown, one poll at a time
        await settle(m.el);
      }
      await sr.mark();
      await click(m, 'button', WORDS[lang].resend);
      const said =
        lang === 'es'
          ? 'polite: Enviamos un nuevo correo a j***@g***.com. Use su botón CLIC PARA CONTINUAR.'
          : 'polite: We sent a new e-mail to j***@g***.com. Use its CLIC PARA CONTINUAR button.';
      await sr.hears(said);
      expect(only(await sr.heard(), /^polite: /)).to.deep.equal([said]);
    });
  }

  for (const lang of ['es', 'en'] as const) {
    it(`the flow's time (${lang}): 2 min and 1 min left are said once each; "${WORDS[lang].more}" is answered aloud and focus goes back to the heading`, async () => {
      const { m, sr } = await mountListened({ attrs: { lang } });
      await search(m, WORDS[lang]); // the flow lives 900 s from the fixture's now
      await sr.hears(`heading, ${VERIFY_HEADING[lang]}, level 2`);
      await sr.mark();
      m.clock.advance(779_000);
      await settle(m.el);
      expect(only(await sr.heard(), /^polite: /)).to.deep.equal([]);
      await seconds(m, 1);
      const two =
        lang === 'es' ? 'polite: Quedan 2 minutos para completar el trámite.' : 'polite: 2 minutes left to complete the procedure.';
      await sr.hears(two);
      await seconds(m, 60);
      const one = lang === 'es' ? 'polite: Queda 1 minuto para completar el trámite.' : 'polite: 1 minute left to complete the procedure.';
      await sr.hears(one);
      await sr.mark();
      await click(m, 'button', WORDS[lang].more);
      const done =
        lang === 'es'
          ? 'polite: Listo: tiene 15 minutos más para completar el trámite.'
          : 'polite: Done: you have 15 more minutes to complete the procedure.';
      await sr.hears(done);
      await sr.hears(`heading, ${VERIFY_HEADING[lang]}, level 2`);
      expect(only(await sr.heard(), /^polite: /)).to.deep.equal([done]);
    });
  }
});
