/**
 * Password managers, hostile host CSS and labels, reconciled (docs/widget-forms.md).
 * The step is mounted the way the shell mounts it: inside a shadow root, with its form rendered
 * into the light DOM of the outer host element (in the document) and forwarded through two slots.
 */
import { expect } from '@esm-bundle/chai';
import { IessPasoNuevaClave } from '../../widget/steps/iess-paso-nueva-clave.ts';
import { LIGHT_DOM_GUARD_CSS } from '../../widget/styles/light-dom-guard.ts';
import { fixtures, FIXTURE_CEDULA } from '../fixtures/api/index.ts';
import { axeViolations, register } from './iess-paso-helpers.ts';

register(IessPasoNuevaClave);

/** Stands in for <iess-recuperar-clave>: a shadow root that renders the step and forwards the slot. */
class TestShellHost extends HTMLElement {
  readonly step: IessPasoNuevaClave;
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.step = document.createElement('iess-paso-nueva-clave') as IessPasoNuevaClave;
    const forward = document.createElement('slot');
    forward.name = this.step.formSlot;
    forward.slot = 'form';
    this.step.append(forward);
    this.step.formHost = this;
    this.step.policy = fixtures.getConfig.default.policy;
    this.step.identification = FIXTURE_CEDULA;
    root.append(this.step);
  }
}
customElements.define('iess-test-shell-host', TestShellHost);

const HOSTILE_CSS = `
  * { box-sizing: content-box !important; font-family: "Comic Sans MS", cursive !important; letter-spacing: 4px !important; line-height: 3 !important; }
  html body input, html body button, html body select, html body textarea {
    all: unset !important; display: inline !important; border: 5px dashed red !important; background: yellow !important;
    width: 40px !important; font-size: 30px !important; color: red !important; text-transform: lowercase !important;
  }
  body label { visibility: hidden !important; font-size: 8px !important; float: right !important; }
  body form { display: flex !important; flex-direction: row-reverse !important; padding: 50px !important; border: 9px solid lime !important; }
  ul, li { list-style: disc !important; margin: 20px !important; padding: 20px !important; }
  [hidden] { display: block !important; }
  iess-test-shell-host form * { position: relative !important; top: 13px !important; opacity: 0.3 !important; }
  /* out-specifies every guard rule (3 ids): only the guard's cascade layer can beat it */
  #page#page#page input, #page#page#page label, #page#page#page button { width: 50px !important; font-size: 5px !important; color: red !important; }
`;

const PROPS = [
  'display',
  'position',
  'float',
  'top',
  'visibility',
  'opacity',
  'box-sizing',
  'font-family',
  'font-size',
  'font-weight',
  'letter-spacing',
  'line-height',
  'text-transform',
  'color',
  'background-color',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'padding-top',
  'margin-top',
  'width',
  'height',
  'list-style-type',
  'flex-direction',
] as const;

let host: TestShellHost;

async function mountHost(): Promise<TestShellHost> {
  host = document.createElement('iess-test-shell-host') as TestShellHost;
  document.body.append(host);
  await host.step.updateComplete;
  return host;
}

const lightForm = () => host.querySelector<HTMLFormElement>('form[data-iess-clave-form]')!;

/** Computed styles and geometry (relative to the form) of every element of the light-DOM form. */
function snapshot(): string[] {
  const form = lightForm();
  const origin = form.getBoundingClientRect();
  return [form, ...form.querySelectorAll('*')].map((node) => {
    const style = getComputedStyle(node);
    const r = node.getBoundingClientRect();
    const box = `${Math.round(r.left - origin.left)},${Math.round(r.top - origin.top)},${Math.round(r.width)}x${Math.round(r.height)}`;
    return `${node.localName}.${node.className} ${box} ${PROPS.map((p) => `${p}=${style.getPropertyValue(p)}`).join(';')}`;
  });
}

describe('the new-password form in the light DOM', () => {
  afterEach(() => {
    host?.remove();
    document.querySelectorAll('style[data-hostile]').forEach((s) => s.remove());
    document.querySelectorAll('.control').forEach((s) => s.remove());
    document.body.removeAttribute('id');
  });

  it('is axe-clean as the shell mounts it (every field labelled in its own tree)', async () => {
    await mountHost();
    const wcag = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };
    expect(await axeViolations(host, wcag)).to.equal('');
    for (const name of ['new-password', 'new-password-confirmation']) {
      const input = lightForm().querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      expect(input.labels?.length, name).to.equal(1);
      expect(input.labels![0]!.getRootNode() === document, name).to.equal(true);
    }
  });

  it('a label in a shadow root cannot name a light-DOM input (why the labels live in the light DOM too)', async () => {
    const outer = document.createElement('div');
    outer.className = 'control';
    const input = document.createElement('input');
    input.id = 'naive-password';
    input.type = 'password';
    outer.append(input);
    const root = outer.attachShadow({ mode: 'open' });
    const label = document.createElement('label');
    label.htmlFor = 'naive-password';
    label.textContent = 'Nueva clave';
    root.append(label, document.createElement('slot'));
    document.body.append(outer);
    expect(input.labels?.length).to.equal(0);
    expect(await axeViolations(outer)).to.contain('label');
  });

  it('once the step leaves, a late update (the strength estimator arriving, a new property) does not put the typed password back in the page', async () => {
    await mountHost();
    const password = lightForm().querySelector<HTMLInputElement>('input[name="new-password"]')!;
    password.value = 'una clave que se iba';
    password.dispatchEvent(new Event('input', { bubbles: true }));
    await host.step.updateComplete;
    host.step.remove(); // the shell moved on (time up, another step)
    expect(host.querySelector('form[data-iess-clave-form]') === null, 'form gone with the step').to.equal(true);
    host.step.fieldErrors = { password: ['too-short'] };
    await host.step.updateComplete;
    expect(host.querySelector('form[data-iess-clave-form]') === null, 'form still gone after a later update').to.equal(true);
  });

  it('gives password managers a real form in the page tree: username + two new-password fields + submit', async () => {
    await mountHost();
    const form = lightForm();
    expect(form.getRootNode() === document).to.equal(true);
    expect([...document.forms].includes(form)).to.equal(true);
    const username = form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
    expect(username.value).to.equal(FIXTURE_CEDULA);
    expect(username.name).to.equal('username');
    expect(getComputedStyle(username).display).to.equal('none');
    const passwords = [...form.querySelectorAll<HTMLInputElement>('input[type=password]')];
    expect(passwords.map((p) => p.autocomplete)).to.deep.equal(['new-password', 'new-password']);
    expect(form.querySelector('button[type=submit]')).not.to.equal(null);
    // it is really shown through the two slots, not just present
    expect(passwords[0]!.getBoundingClientRect().height).to.be.greaterThan(30);
    // (booleans: chai would try to print a whole shadow root on failure)
    expect(form.assignedSlot?.getRootNode() === host.shadowRoot).to.equal(true);
  });

  it('keeps its look and layout under an aggressive host stylesheet (resets, !important, odd fonts)', async () => {
    await mountHost();
    const control = document.createElement('input');
    control.className = 'control';
    document.body.append(control);
    const before = snapshot();
    const controlBefore = getComputedStyle(control).borderTopStyle;

    document.body.id = 'page';
    const hostile = document.createElement('style');
    hostile.dataset['hostile'] = '';
    hostile.textContent = HOSTILE_CSS;
    document.head.append(hostile);

    // the hostile sheet is real: it wrecks an ordinary input of the page
    expect(getComputedStyle(control).borderTopStyle).to.equal('dashed');
    expect(controlBefore).not.to.equal('dashed');
    const after = snapshot();
    const username = lightForm().querySelector<HTMLInputElement>('input[name=username]')!;
    expect(getComputedStyle(username).display, 'hidden username under [hidden]{display:block!important}').to.equal('none');
    expect(after.length).to.equal(before.length);
    after.forEach((line, i) => expect(line, `element ${i}`).to.equal(before[i]));
  });

  it('adopts its guard as a constructable stylesheet (no <style> element, strict-CSP safe), once', async () => {
    const styles = document.querySelectorAll('style').length;
    await mountHost();
    const second = document.createElement('iess-test-shell-host') as TestShellHost;
    document.body.append(second);
    await second.step.updateComplete;
    const guards = document.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.cssText.includes('iess-clave-guard')));
    expect(guards).to.have.length(1);
    expect(document.querySelectorAll('style').length).to.equal(styles);
    expect(LIGHT_DOM_GUARD_CSS).to.contain('@layer iess-clave-guard');
    // two widgets on one page: ids in the document stay unique
    const ids = [...document.querySelectorAll('form[data-iess-clave-form] [id]')].map((e) => e.id);
    expect(new Set(ids).size).to.equal(ids.length);
    second.remove();
  });
});
