/**
 * widget/shell/step-focus.ts: the new step's heading takes focus (WCAG 2.4.3), also when the
 * step's element is defined only after the answer has come (its chunk was still on its way), but
 * never after the person has clicked, tapped or typed meanwhile: then focus is theirs.
 */
import { expect } from '@esm-bundle/chai';
import { focusStepHeading } from '../../widget/shell/step-focus.ts';
import { findBy } from './screen.ts';

let serial = 0;

/** A shell-like root holding a step whose element is not defined yet; `define()` defines it. */
function rootWithLaterStep(): { root: HTMLElement; focused: () => number; define: () => void } {
  const tag = `x-later-step-${++serial}`;
  const root = document.createElement('div');
  root.innerHTML = `<${tag} data-step></${tag}>`;
  document.body.append(root);
  let focused = 0;
  return {
    root,
    focused: () => focused,
    define: () =>
      customElements.define(
        tag,
        class extends HTMLElement {
          async focusHeading(): Promise<void> {
            focused++;
          }
        },
      ),
  };
}

describe('focus on a new step whose element comes later', () => {
  it('goes to its heading once the element is defined', async () => {
    const { root, focused, define } = rootWithLaterStep();
    try {
      focusStepHeading(root);
      expect(focused()).to.equal(0);
      define();
      await findBy(() => focused() === 1, 'the heading focused');
    } finally {
      root.remove();
    }
  });

  it('stays where the person put it when they typed or clicked before the element came', async () => {
    for (const act of [new KeyboardEvent('keydown', { key: 'Tab' }), new PointerEvent('pointerdown')]) {
      const { root, focused, define } = rootWithLaterStep();
      try {
        focusStepHeading(root);
        window.dispatchEvent(act);
        define();
        const defined = customElements.whenDefined(root.firstElementChild!.localName);
        await defined;
        await new Promise((resolve) => setTimeout(resolve, 0)); // the shell's own .then has run by now
        expect(focused(), act.type).to.equal(0);
      } finally {
        root.remove();
      }
    }
  });
});
