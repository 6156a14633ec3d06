/**
 * Issue 15: what the shell says past the first step (widget/i18n/es/shell-later.ts: the problems an
 * answer brings, the later titles, the time words) is outside the first load, and the shell has
 * its flow controller load it before any answer is fed in. Here only the shell and the first step
 * are registered, as on a page whose later chunk has not arrived, and nothing else loads the later
 * strings: a BUSCAR that fails must still be said in Spanish, never as its key.
 */
import { expect } from '@esm-bundle/chai';
import { es } from '../../widget/i18n/es.ts';
import { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';
import { FIXTURE_CEDULA } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';
import { findBy, getByLabel, getByRole, readableText, typeInto } from './screen.ts';

describe('the shell, before the later chunk: a failed BUSCAR is said in Spanish', () => {
  it('loads the later strings before the answer is shown', async () => {
    for (const element of [IessPasoIdentificacion, IessRecuperarClave])
      if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);
    expect(Object.hasOwn(es, 'shell.problem.server'), 'the later strings are not in the first load').to.equal(false);
    const el = document.createElement('iess-recuperar-clave');
    el.api = new FakeRecoveryApi().fail('startFlow', 'server');
    document.body.append(el);
    try {
      await findBy(() => readableText(el).includes('Identificación'), 'the first step');
      typeInto(getByLabel(el, 'Número de cédula'), FIXTURE_CEDULA);
      getByRole<HTMLInputElement>(el, 'checkbox', 'No soy un robot').click();
      await findBy(() => readableText(el).includes('Verificado'), 'the solved robot check');
      getByRole(el, 'button', 'BUSCAR').click();
      await findBy(() => readableText(el).includes('El servicio del IESS tuvo un problema'), 'the server problem, in Spanish');
      expect(readableText(el)).not.to.include('No hay conexión');
    } finally {
      el.remove();
      sessionStorage.removeItem('iess-clave:flow');
    }
  });
});
