/**
 * No layout shift (issue 11): the first height the widget is laid out with is step 1's, so the
 * page around it does not move when the widget starts (before issue 15 made step 1 render from the
 * entry alone, a "Cargando…" line was laid out first, while the configuration's chunk loaded).
 * The page reserves that height before the script runs (docs/embedding.md §2).
 */
import { expect } from '@esm-bundle/chai';
import { ManualClock, shellClocks } from '../../widget/flow/clock.ts';
import { whenDefined } from '../../widget/define.ts';
import { FIXTURE_NOW_MS } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';
import { cleanupShells, settle, until } from './iess-recuperar-clave-helpers.ts';
import { queryByRole } from './screen.ts';

describe('iess-recuperar-clave: the first render', () => {
  const mounted: HTMLElement[] = [];
  afterEach(() => {
    cleanupShells();
    for (const el of mounted.splice(0)) el.remove();
  });

  for (const width of [320, 360, 640]) {
    it(`at ${width} px, is laid out at step 1's height from the start: every height the element takes is the final one`, async () => {
      await whenDefined;
      const el = document.createElement('iess-recuperar-clave');
      shellClocks.set(el, new ManualClock(FIXTURE_NOW_MS));
      el.api = new FakeRecoveryApi();
      el.style.width = `${width}px`;
      const heights: number[] = [];
      const observer = new ResizeObserver((entries) => heights.push(...entries.map((e) => Math.round(e.borderBoxSize[0]!.blockSize))));
      observer.observe(el);
      document.body.append(el);
      mounted.push(el);
      await el.updateComplete;
      await until(() => queryByRole<HTMLButtonElement>(el, 'button', 'BUSCAR')?.disabled === false, 'BUSCAR enabled');
      await settle(el);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      observer.disconnect();
      const final = Math.round(el.getBoundingClientRect().height);
      expect(final).to.be.greaterThan(300);
      expect(
        heights.filter((h) => h !== 0 && h !== final),
        `heights seen: ${heights.join(', ')}`,
      ).to.deep.equal([]);
    });
  }
});
