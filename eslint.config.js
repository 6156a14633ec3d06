// Lint: typescript-eslint + Lit rules, the layering the README describes (Layout), and no dynamic code (CS-02).
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';

/** Dynamic code and raw HTML sinks are banned everywhere (CS-02, CS-03). */
const noDynamicCode = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-restricted-syntax': [
    'error',
    { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'innerHTML is banned: render data as text (CS-03).' },
    { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'outerHTML is banned: render data as text (CS-03).' },
    { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'insertAdjacentHTML is banned (CS-03).' },
    { selector: "CallExpression[callee.property.name='write'][callee.object.name='document']", message: 'document.write is banned.' },
    { selector: "CallExpression[callee.name='unsafeHTML']", message: 'unsafeHTML is banned: render data as text (CS-03).' },
    { selector: "CallExpression[callee.name='unsafeCSS']", message: 'unsafeCSS is banned (CS-02).' },
    {
      selector: "CallExpression[callee.name=/^set(Timeout|Interval)$/][arguments.0.type='Literal']",
      message: 'String timers are eval (CS-02).',
    },
  ],
};

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const NODE_BUILTINS = { group: ['node:*'], message: 'The widget runs in browsers only: no Node APIs.' };
const NO_TEST = { group: ['**/test/**', '../test/*', '../../test/*'], message: 'Nothing imports test/.' };
const NO_KY = { name: 'ky', message: 'Only widget/api/http-recovery-api.ts imports ky.' };
const WIDGET_PATTERNS = [
  { group: ['**/src/**', '../src/*', '../../src/*'], message: 'widget/ must not import the extension (src/).' },
  { group: ['**/server/**', '../server/*', '../../server/*'], message: 'widget/ must not import the server.' },
  { group: ['webextension-polyfill'], message: 'Browser extension APIs live in src/platform/ only.' },
  NODE_BUILTINS,
  NO_TEST,
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'widget/dist/', 'coverage/', '.data/', '.tmp/', 'docs/', 'custom-elements.json', '**/*.min.js'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      ...noDynamicCode,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['widget/**/*.ts', 'src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  // widget/ is the embeddable product: no extension, server, test or Node imports; only the HTTP
  // client talks ky; steps are presentational and never reach the API.
  {
    files: ['widget/**/*.ts'],
    ignores: ['widget/vite.config.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_KY], patterns: WIDGET_PATTERNS }] },
  },
  {
    files: ['widget/api/http-recovery-api.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: WIDGET_PATTERNS }] },
  },
  {
    files: ['widget/steps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_KY],
          patterns: [
            ...WIDGET_PATTERNS,
            {
              group: ['**/api/http-recovery-api*', '**/api/recovery-api*'],
              message: 'Steps are presentational: they fire intents, the shell calls the API.',
            },
          ],
        },
      ],
    },
  },
  // Sizes that keep the flow machine one small function per step and the shell an element that
  // delegates (docs/widget-shell.md).
  {
    files: ['widget/flow/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  {
    files: ['widget/iess-recuperar-clave.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  // server/ may use the contract and the pure domain rules of the widget, nothing else of it.
  {
    files: ['server/**/*.ts'],
    rules: restrict([
      {
        regex: '(^|/)widget/(?!api/contract(\\.ts)?$|domain/)',
        message: 'server/ may import only widget/api/contract.ts and widget/domain/** from the widget.',
      },
      { group: ['**/src/**', '../src/*'], message: 'server/ must not import the extension.' },
      NO_TEST,
    ]),
  },
  // src/ is the extension shell; browser.* only inside src/platform/.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/platform/**'],
    rules: restrict([
      { group: ['webextension-polyfill'], message: 'Only src/platform/ touches browser.* (webextension-polyfill).' },
      { group: ['**/server/**', '../server/*', '../../server/*'], message: 'The extension must not import the server.' },
      NO_TEST,
    ]),
  },
  // Tests and tooling may import anything and use Node; tests may build hostile host pages
  // from constant markup (the HTML-sink ban protects product code).
  {
    files: ['test/**/*.ts', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
