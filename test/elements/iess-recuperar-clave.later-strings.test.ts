/**
 * Issue 15: what the shell says and shows past the first step (widget/i18n/es/shell-later.ts: the
 * problems an answer brings, the later titles, the time words; widget/shell/later-step-views.ts:
 * the views of the steps between) is outside the first load, and the shell has its flow controller
 * load it before any answer is fed in. Here only the shell and the first step are registered, as on
 * a page whose later chunk has not arrived, and nothing else loads them: a BUSCAR that fails must
 * still be said in Spanish, never as its key, and one that passes must lead to the next step.
 */
import { expect } from '@esm-bundle/chai';
import { es } from '../../widget/i18n/es.ts';
import { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';
import { FIXTURE_CEDULA } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';
import { findBy, getByLabel, getByRole, readableText, typeInto } from './screen.ts';

function registerFirstLoadOnly(): void {
  for (const element of [IessPasoIdentificacion, IessRecuperarClave])
    if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);
}

/**
 * A shell on the page with only the first load registered, `api` behind it; `check` runs with it,
 * and the shell and its stored flow are gone afterwards.
 */
async function withFirstLoadOnly(api: FakeRecoveryApi, check: (el: HTMLElement) => Promise<void>): Promise<void> {
  registerFirstLoadOnly();
  const el = document.createElement('iess-recuperar-clave');
  el.api = api;
  document.body.append(el);
  try {
    await check(el);
  } finally {
    el.remove();
    sessionStorage.removeItem('iess-clave:flow');
  }
}

/** The first step filled in and BUSCAR pressed, as a person does it. */
async function pressBuscar(el: HTMLElement): Promise<void> {
  await findBy(() => readableText(el).includes('Identificación'), 'the first step');
  typeInto(getByLabel(el, 'Número de cédula'), FIXTURE_CEDULA);
  getByRole<HTMLInputElement>(el, 'checkbox', 'No soy un robot').click();
  await findBy(() => readableText(el).includes('Verificado'), 'the solved robot check');
  getByRole(el, 'button', 'BUSCAR').click();
}

describe('the shell, before the later chunk', () => {
  it('a failed BUSCAR is said in Spanish: it loads the later strings before the answer is shown', async () => {
    expect(Object.hasOwn(es, 'shell.problem.server'), 'the later strings are not in the first load').to.equal(false);
    await withFirstLoadOnly(new FakeRecoveryApi().fail('startFlow', 'server'), async (el) => {
      await pressBuscar(el);
      await findBy(() => readableText(el).includes('El servicio del IESS tuvo un problema'), 'the server problem, in Spanish');
      expect(readableText(el)).not.to.include('No hay conexión');
    });
  });

  it('a BUSCAR that passes leads to «Verificación de datos»: it loads the later views before the answer is shown', async () => {
    await withFirstLoadOnly(new FakeRecoveryApi(), async (el) => {
      await pressBuscar(el);
      // The step's own element is not registered here (its chunk is what has not arrived): the
      // shell's view of it is what is checked, with the step's data, and not the loading words.
      const step = await findBy(
        () => el.shadowRoot!.querySelector<HTMLElement & { maskedId?: string }>('iess-paso-verificacion[data-step]'),
        'the verification view',
      );
      expect(step.maskedId).to.be.a('string').and.not.equal('');
      expect(readableText(el)).not.to.include(es['shell.loading']);
    });
  });

  // Last in this file: it registers the later elements, which the tests above must not have.
  it("focus moves to the new step's heading once its element arrives, when the answer came first (WCAG 2.4.3)", async () => {
    await withFirstLoadOnly(new FakeRecoveryApi(), async (el) => {
      await pressBuscar(el);
      const step = await findBy(
        () => el.shadowRoot!.querySelector<HTMLElement>('iess-paso-verificacion[data-step]'),
        'the verification view',
      );
      expect(customElements.get('iess-paso-verificacion'), 'its element is not registered yet').to.equal(undefined);
      const { LATER_ELEMENTS } = await import('../../widget/elements-later.ts');
      for (const element of LATER_ELEMENTS) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);
      const heading = await findBy(() => step.shadowRoot?.querySelector('h2'), 'the verification heading');
      await findBy(
        () => step.shadowRoot!.activeElement === heading && el.shadowRoot!.activeElement === step,
        'focus on the verification heading',
      );
      expect(heading.textContent).to.include('Verificación');
    });
  });
});
