/**
 * The step strings exist in both languages with the same keys and the same kind of value
 * (string or function with the same number of parameters), and the institution's button texts
 * stay exactly as the seed writes them in Spanish.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shell } from '../../widget/i18n/es/shell.ts';
import { shellLater } from '../../widget/i18n/es/shell-later.ts';
import { steps as en } from '../../widget/i18n/en/steps.ts';
import { firstStep } from '../../widget/i18n/es/first-step.ts';
import { steps as later } from '../../widget/i18n/es/steps.ts';
import { Localizer } from '../../widget/i18n/localize.ts';

/** The Spanish step strings: the first step's (in the first load) and the later steps' (./es-later.ts). */
const es = { ...firstStep, ...later };

describe('step strings es/en', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
  });

  it('have the same kind of value per key (string, or function of the same arity)', () => {
    const shape = (v: unknown) => (typeof v === 'function' ? `fn/${v.length}` : typeof v);
    for (const key of Object.keys(es) as (keyof typeof es)[]) {
      expect(shape(en[key]), key).toBe(shape(es[key]));
    }
  });

  it('have no empty strings, and functions return text with their arguments', () => {
    for (const table of [es, en]) {
      for (const [key, value] of Object.entries(table)) {
        const out =
          typeof value === 'function' ? (value as (...a: unknown[]) => string)(...Array.from({ length: value.length }, () => '7')) : value;
        expect(out.trim().length, key).toBeGreaterThan(0);
        if (typeof value === 'function' && value.length > 0) expect(out, key).toContain('7');
      }
    }
  });

  it('keep the institution words in capitals in Spanish', () => {
    expect(es['id.submit']).toBe('BUSCAR');
    expect(es['common.continue']).toBe('CONTINUAR');
    expect(es['common.accept']).toBe('ACEPTAR');
    expect(es['pw.submit']).toBe('GENERAR');
    expect(es['final.submit']).toBe('FINALIZAR');
    expect(es['confirm.text']).toBe('Si está seguro de la información registrada, dé clic en ACEPTAR');
    expect(es['act.declaration']).toBe('Declaro que toda la información registrada es fidedigna');
    expect(es['verif.attemptsLeft'](3)).toBe('Le quedan 3 intentos.');
    expect(es['sq.progress'](3, 10)).toBe('3 de 10');
  });

  it('give a cédula example that passes the check digit (people copy examples)', async () => {
    const { validateCedula } = await import('../../widget/domain/cedula.ts');
    for (const hint of [es['id.hint.cedula'], en['id.hint.cedula']]) {
      const example = /\d{10}/.exec(hint)?.[0] ?? '';
      expect(validateCedula(example).ok, hint).toBe(true);
    }
  });

  it('twelve month names in each language', () => {
    expect(es['verif.months'].split(',')).toHaveLength(12);
    expect(en['verif.months'].split(',')).toHaveLength(12);
  });

  it('reach the steps through the Localizer, with host overrides winning', async () => {
    await import('../../widget/i18n/es-later.ts'); // what every later step's module does
    const t = new Localizer(undefined, { 'id.submit': 'BUSCAR AFILIADO' });
    expect(t.t('id.submit')).toBe('BUSCAR AFILIADO');
    expect(t.t('sq.progress', 2, 10)).toBe('2 de 10');
  });

  it('the first load has every key the shell and the first step use before any answer; every later step brings the later strings (es-later.ts)', () => {
    const firstLoad = new Set([...Object.keys(firstStep), ...Object.keys(shell)]);
    const stepsDir = new URL('../../widget/steps/', import.meta.url);
    // What the shell says before any answer from the server: the title, the first step's
    // announcement, the configuration's errors, a BUSCAR without «No soy un robot».
    const beforeAnyAnswer = ['shell.title', 'shell.loading', 'shell.announce.step', 'shell.step.identification', 'shell.cancel'];
    for (const key of [...beforeAnyAnswer, 'shell.problem.captcha-required', 'shell.config.api'])
      expect(firstLoad.has(key), key).toBe(true);
    // Said by the shell only after an answer (the controller loads es-later.ts first:
    // test/elements/iess-recuperar-clave.later-strings.test.ts) or after something a later step
    // offers (the resend confirmation). Each must be in a later table, never in both.
    const afterALaterStep = new Set([...Object.keys(shellLater), 'expired.resent']);
    for (const key of Object.keys(shellLater)) expect(firstLoad.has(key), key).toBe(false);
    for (const key of afterALaterStep) expect(Object.hasOwn(later, key) || Object.hasOwn(shellLater, key), key).toBe(true);
    for (const file of [
      '../iess-recuperar-clave.ts',
      '../shell/shell-words.ts',
      '../shell/step-views.ts',
      '../shell/live-region.ts',
      'iess-paso-identificacion.ts',
      'step-base.ts',
      'error-summary.ts',
    ]) {
      const source = readFileSync(new URL(file, stepsDir), 'utf8');
      for (const [, key] of source.matchAll(/\bt\(\s*'([\w.-]+)'/g))
        expect(firstLoad.has(key!) || afterALaterStep.has(key!), `${file}: ${key}`).toBe(true);
      for (const [, prefix] of source.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g))
        expect(
          [...firstLoad, ...afterALaterStep].some((k) => k.startsWith(`${prefix}.`)),
          `${file}: ${prefix}.*`,
        ).toBe(true);
    }
    const laterSteps = readdirSync(stepsDir).filter((f) => /^iess-.*\.ts$/.test(f) && f !== 'iess-paso-identificacion.ts');
    expect(laterSteps.length).toBeGreaterThan(8);
    for (const file of laterSteps) expect(readFileSync(new URL(file, stepsDir), 'utf8'), file).toContain("import '../i18n/es-later.ts';");
  });
});
