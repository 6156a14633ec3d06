/**
 * Minifies the CSS inside the widget's css`` templates at build time (minify-literals finds the
 * templates, Lightning CSS minifies them): Lit ships a template's text as written, so the comments
 * that say why a rule is there, and the indentation, reached every page (about 0.9 KB gzip of the
 * first load, issue 15). HTML templates are left as written: their whitespace can be text. A
 * stylesheet Lightning CSS cannot parse fails the build (minify-literals alone would warn and ship
 * the file as written).
 */
import { transform } from 'lightningcss';
import { minifyHTMLLiterals } from 'minify-literals';
import type { Plugin } from 'vite';

export function minifyCssLiterals(): Plugin {
  return {
    name: 'minify-css-literals',
    apply: 'build',
    async transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      const result = await minifyHTMLLiterals(code, {
        fileName: id,
        html: false,
        css: (css) => transform({ filename: id, code: Buffer.from(css), minify: true }).code.toString(),
      });
      return result ? { code: result.code, map: result.map } : null;
    },
  };
}
