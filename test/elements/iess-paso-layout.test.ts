/**
 * Layout and display modes of every step: 320 px reflow (WCAG 1.4.10) with and without error
 * messages, forced colours (WCAG 1.4.11 in Windows High Contrast) and reduced motion.
 */
import { expect } from '@esm-bundle/chai';
import type { LitElement } from 'lit';
import { IessDialogoConfirmacion } from '../../widget/steps/iess-dialogo-confirmacion.ts';
import { IessEstadoBloqueo } from '../../widget/steps/iess-estado-bloqueo.ts';
import { IessEstadoError } from '../../widget/steps/iess-estado-error.ts';
import { IessEstadoExpirado } from '../../widget/steps/iess-estado-expirado.ts';
import { IessPasoCorreo } from '../../widget/steps/iess-paso-correo.ts';
import { IessPasoCorreoEnviado } from '../../widget/steps/iess-paso-correo-enviado.ts';
import { IessPasoFinal } from '../../widget/steps/iess-paso-final.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';
import { IessPasoNuevaClave } from '../../widget/steps/iess-paso-nueva-clave.ts';
import { IessPasoPreguntas } from '../../widget/steps/iess-paso-preguntas.ts';
import { IessPasoVerificacion } from '../../widget/steps/iess-paso-verificacion.ts';
import { fixtures, FIXTURE_NOW_MS, generarQuestions, problemsByKind, securityQuestionBank } from '../fixtures/api/index.ts';
import { emulateMedia, setViewport } from './browser-commands.ts';
import { axeViolations, cleanup, mount } from './iess-paso-helpers.ts';

type Case = [string, () => Promise<LitElement>];

const cases: Case[] = [
  ['identificacion', () => mount(IessPasoIdentificacion)],
  [
    'verificacion',
    () => mount(IessPasoVerificacion, { questions: generarQuestions, attemptsLeft: 1, failed: true, maskedId: '******5675' }),
  ],
  ['confirmacion', () => mount(IessDialogoConfirmacion)],
  ['preguntas', () => mount(IessPasoPreguntas, { bank: securityQuestionBank })],
  ['correo', () => mount(IessPasoCorreo, { email: { onRecord: false } })],
  [
    'correo-enviado',
    () =>
      mount(IessPasoCorreoEnviado, {
        activation: fixtures.sendActivation.onRecord.activation,
        clockOffset: 0,
        now: FIXTURE_NOW_MS + 150_000,
      }),
  ],
  [
    'nueva-clave',
    () =>
      mount(IessPasoNuevaClave, { policy: fixtures.getConfig.default.policy, declaration: fixtures.checkActivation.recuperar.declaration }),
  ],
  ['final', () => mount(IessPasoFinal, { portalUrl: 'https://www.iess.gob.ec/' })],
  ['bloqueo', () => mount(IessEstadoBloqueo, { lockedUntil: problemsByKind.locked.lockedUntil })],
  ['expirado', () => mount(IessEstadoExpirado)],
  ['error', () => mount(IessEstadoError, { kind: 'rate-limited', retryAfter: 30 })],
];

/** Every rendered box of the element (shadow and light DOM), as [description, right edge]. */
function rightEdges(el: LitElement): [string, number][] {
  const nodes = [...(el.shadowRoot?.querySelectorAll('*') ?? []), ...el.querySelectorAll('*')];
  return nodes.map((n) => [`${n.localName}.${n.className}`, n.getBoundingClientRect().right]);
}

async function showErrors(el: LitElement): Promise<void> {
  (el.shadowRoot!.querySelector('form') ?? el.querySelector('form'))?.requestSubmit();
  await el.updateComplete;
}

describe('step layout', () => {
  afterEach(async () => {
    cleanup();
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  });

  it('has no axe violations at 320 px (first: every file starts with axe)', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount(IessPasoIdentificacion);
    expect(await axeViolations(el)).to.equal('');
  });

  for (const [name, make] of cases) {
    it(`${name} reflows at 320 px without horizontal scrolling, errors shown`, async () => {
      await setViewport({ width: 320, height: 640 });
      document.body.style.margin = '0';
      const el = await make();
      await showErrors(el);
      const overflowing = rightEdges(el).filter(([, right]) => right > 320.5);
      expect(overflowing.map(([n, r]) => `${n}@${Math.round(r)}`)).to.deep.equal([]);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    });
  }

  it('keeps its own text settings when the host page forces inherited ones on everything', async () => {
    const el = await mount(IessPasoIdentificacion);
    const probes = () =>
      ['h2', 'p', 'label', 'button', '.hint'].map((sel) => {
        const cs = getComputedStyle(el.shadowRoot!.querySelector(sel)!);
        return `${sel} ${cs.fontFamily} ${cs.letterSpacing} ${cs.wordSpacing} ${cs.textTransform} ${cs.textAlign} ${cs.fontStyle} ${cs.whiteSpace}`;
      });
    const before = probes();
    const hostile = document.createElement('style');
    hostile.textContent =
      '* { font-family: serif !important; letter-spacing: 3px !important; word-spacing: 9px !important; text-transform: uppercase !important; text-align: right !important; font-style: italic !important; white-space: pre !important; }';
    document.head.append(hostile);
    try {
      expect(getComputedStyle(document.body).letterSpacing).to.equal('3px'); // the sheet is live
      expect(probes()).to.deep.equal(before);
    } finally {
      hostile.remove();
    }
  });

  it('keeps buttons and fields outlined in forced-colours mode', async function () {
    // Skipped in Firefox and WebKit: their drivers cannot turn forced colours on at run time
    // (Firefox 153's WebDriver BiDi has no forced-colours override; WebKitWebDriver has no media
    // emulation). The CSS under test is the same in every engine; Chromium proves it.
    if (!(await emulateMedia({ forcedColors: 'active' }))) this.skip();
    const el = await mount(IessPasoIdentificacion);
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#id-number')!;
    expect(getComputedStyle(button).borderTopStyle).to.equal('solid');
    expect(getComputedStyle(button).forcedColorAdjust).to.equal('none');
    expect(getComputedStyle(input).borderTopWidth).to.equal('2px');
    const pw = await mount(IessPasoNuevaClave, { policy: fixtures.getConfig.default.policy });
    const submit = pw.querySelector<HTMLButtonElement>('button.iess-submit')!;
    expect(getComputedStyle(submit).forcedColorAdjust).to.equal('none');
  });

  it('runs no animation or transition under prefers-reduced-motion', async function () {
    // Skipped in Firefox and WebKit for the same reason: no driver command emulates
    // prefers-reduced-motion there (Firefox reads it from a start-up preference, WebKitGTK from GTK).
    if (!(await emulateMedia({ reducedMotion: 'reduce' }))) this.skip();
    for (const [, make] of cases) {
      const el = await make();
      await showErrors(el);
      const running = el
        .shadowRoot!.getAnimations()
        .map(
          (a) =>
            `${a.constructor.name}:${(a as CSSTransition).transitionProperty ?? ''}:${((a.effect as KeyframeEffect)?.target as Element)?.localName}`,
        );
      expect(running, el.localName).to.deep.equal([]);
      for (const node of el.shadowRoot!.querySelectorAll('*')) {
        const seconds = parseFloat(getComputedStyle(node).transitionDuration);
        expect(seconds, `${el.localName} ${node.localName}`).to.be.at.most(0.001);
      }
      cleanup();
    }
  });
});
