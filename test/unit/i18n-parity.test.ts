/**
 * The step strings exist in both languages with the same keys and the same kind of value
 * (string or function with the same number of parameters), and the institution's button texts
 * stay exactly as the seed writes them in Spanish.
 */
import { describe, expect, it } from 'vitest';
import { steps as en } from '../../widget/i18n/en/steps.ts';
import { steps as es } from '../../widget/i18n/es/steps.ts';
import { Localizer } from '../../widget/i18n/localize.ts';

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
        const out = typeof value === 'function' ? (value as (...a: unknown[]) => string)(...Array.from({ length: value.length }, () => '7')) : value;
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

  it('reach the steps through the Localizer, with host overrides winning', () => {
    const t = new Localizer(undefined, { 'id.submit': 'BUSCAR AFILIADO' });
    expect(t.t('id.submit')).toBe('BUSCAR AFILIADO');
    expect(t.t('sq.progress', 2, 10)).toBe('2 de 10');
  });
});
