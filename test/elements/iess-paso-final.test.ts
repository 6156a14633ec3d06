import { expect } from '@esm-bundle/chai';
import { IessPasoFinal } from '../../widget/steps/iess-paso-final.ts';
import { $, axeViolations, cleanup, collect, mount, text } from './iess-paso-helpers.ts';

describe('iess-paso-final', () => {
  afterEach(cleanup);

  it('has no axe violations', async () => {
    const el = await mount(IessPasoFinal, { portalUrl: 'https://www.iess.gob.ec/' });
    expect(await axeViolations(el)).to.equal('');
  });

  it('FINALIZAR is a link to the portal and fires the finish intent', async () => {
    const el = await mount(IessPasoFinal, { portalUrl: 'https://www.iess.gob.ec/afiliado', flowCase: 'generar' });
    const events = collect(el, 'step-intent');
    const link = $<HTMLAnchorElement>(el, 'a[part=submit]');
    expect(link.textContent).to.equal('FINALIZAR');
    expect(link.href).to.equal('https://www.iess.gob.ec/afiliado');
    expect(text(el)).to.contain('Generó su clave');
    link.addEventListener('click', (e) => e.preventDefault()); // stay on the test page
    link.click();
    expect(events).to.have.length(1);
  });

  it('never turns a javascript: URL into a link (CS-02); falls back to a button', async () => {
    const el = await mount(IessPasoFinal, { portalUrl: 'javascript:alert(1)' });
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    const events = collect(el, 'step-intent');
    $<HTMLButtonElement>(el, 'button[part=submit]').click();
    expect(events).to.have.length(1);
    expect(text(el)).to.contain('Recuperó su clave');
  });
});
