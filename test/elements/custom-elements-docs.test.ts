/**
 * custom-elements.json documents every element the widget registers: a description, its events,
 * slots and parts — read from the JSDoc directly above each class (a file header is not read by
 * the analyzer). Every part the element really renders is documented, and every documented part
 * name is a single name (no "a, b, c" lists).
 */
import { expect } from '@esm-bundle/chai';
import { whenDefined } from '../../widget/define.ts';
import { LATER_ELEMENTS } from '../../widget/elements-later.ts';

interface Declaration {
  tagName?: string;
  description?: string;
  cssParts?: { name: string; description?: string }[];
  events?: { name: string }[];
  slots?: { name: string }[];
}

async function manifest(): Promise<Map<string, Declaration>> {
  const res = await fetch('/custom-elements.json');
  const json = (await res.json()) as { modules: { declarations?: Declaration[] }[] };
  const byTag = new Map<string, Declaration>();
  for (const m of json.modules) for (const d of m.declarations ?? []) if (d.tagName) byTag.set(d.tagName, d);
  return byTag;
}

const FIRES: Record<string, string[]> = {
  'iess-recuperar-clave': ['iess-step-change', 'iess-complete', 'iess-cancel', 'iess-error'],
  'iess-paso-identificacion': ['step-intent'],
  'iess-paso-verificacion': ['step-intent'],
  'iess-dialogo-confirmacion': ['step-intent'],
  'iess-paso-preguntas': ['step-intent'],
  'iess-paso-correo': ['step-intent'],
  'iess-paso-correo-enviado': ['step-intent'],
  'iess-paso-nueva-clave': ['step-intent'],
  'iess-paso-final': ['step-intent'],
  'iess-estado-expirado': ['step-intent'],
  'iess-estado-error': ['step-intent'],
  'iess-estado-bloqueo': [],
};

describe('custom-elements.json', () => {
  it('every registered element has a description, its events and single-name documented parts', async () => {
    await whenDefined;
    const docs = await manifest();
    const tags = ['iess-recuperar-clave', 'iess-paso-identificacion', ...LATER_ELEMENTS.map((c) => c.tagName)];
    expect(tags.length).to.equal(Object.keys(FIRES).length);
    for (const tag of tags) {
      const d = docs.get(tag);
      expect(d, tag).to.not.equal(undefined);
      expect(d!.description ?? '', `${tag} description`).to.have.length.greaterThan(20);
      expect(
        (d!.events ?? []).map((e) => e.name),
        `${tag} events`,
      ).to.have.members(FIRES[tag]!);
      const parts = d!.cssParts ?? [];
      expect(parts.length, `${tag} parts`).to.be.greaterThan(0);
      for (const p of parts) {
        expect(p.name, `${tag} part name`).to.match(/^[a-z][a-z-]*$/);
        expect(p.description ?? '', `${tag} part ${p.name}`).to.not.equal('');
      }
    }
    expect((docs.get('iess-paso-nueva-clave')!.slots ?? []).map((s) => s.name)).to.deep.equal(['form']);
  });

  it('every part an element renders (in its default state) is documented', async () => {
    await whenDefined;
    const docs = await manifest();
    for (const tag of ['iess-paso-identificacion', ...LATER_ELEMENTS.map((c) => c.tagName)]) {
      const el = document.createElement(tag);
      document.body.append(el);
      try {
        await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        const rendered = [...el.shadowRoot!.querySelectorAll('[part]')].flatMap((n) => n.getAttribute('part')!.split(/\s+/));
        const documented = (docs.get(tag)!.cssParts ?? []).map((p) => p.name);
        for (const part of rendered) expect(documented, `${tag} renders part "${part}"`).to.include(part);
      } finally {
        el.remove();
      }
    }
  });
});
