/**
 * Every element lists its reactive properties in Lit's `static properties` and declares the fields
 * with `declare` (README, Toolchain decisions). A class field with an initializer would be an own
 * property of each instance that hides Lit's accessor: setting it would never re-render, and the
 * production build of Lit the tests run says nothing. This checks every registered element for it.
 */
import { expect } from '@esm-bundle/chai';
import type { LitElement } from 'lit';
import { IessRecuperarClave, whenDefined } from '../../widget/define.ts';
import { LATER_ELEMENTS } from '../../widget/elements-later.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';

type LitClass = typeof LitElement & { readonly tagName: string };

const ELEMENTS = [IessRecuperarClave, IessPasoIdentificacion, ...LATER_ELEMENTS] as unknown as LitClass[];

describe('reactive properties', () => {
  before(() => whenDefined);

  it('covers every element of the widget, each with reactive properties', () => {
    expect(new Set(ELEMENTS.map((e) => e.tagName)).size).to.equal(12);
    for (const element of ELEMENTS) expect(element.elementProperties.size, element.tagName).to.be.greaterThan(0);
  });

  for (const element of ELEMENTS) {
    it(`<${element.tagName}>: no instance field hides a reactive property's accessor`, () => {
      const instance = document.createElement(element.tagName);
      const hidden = [...element.elementProperties.keys()].filter((key) => Object.hasOwn(instance, key));
      expect(hidden, 'own properties of a new instance that shadow Lit accessors').to.deep.equal([]);
    });
  }
});
