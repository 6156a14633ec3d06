/**
 * The screenshot gallery page: renders ONE step or state with sample data, chosen by the query
 * string (?view=…&lang=es|en&variant=…). Bundled by scripts/screenshots.mjs; never shipped.
 * Sample data is synthetic (no real person).
 */
import { Localizer } from '../../widget/i18n/localize.ts';
import { es } from '../../widget/i18n/es.ts';
import { steps } from '../../widget/i18n/es/steps.ts';
import { en } from '../../widget/i18n/en.ts';
import { LATER_ELEMENTS } from '../../widget/elements-later.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';

// The later steps' Spanish strings (widget/i18n/es-later.ts does this, but the bundle drops that
// side-effect import here and the shots showed message keys).
Object.assign(es, steps);

// Every step and state: the first step and the ones define.ts registers later (one list).
const classes = [IessPasoIdentificacion, ...LATER_ELEMENTS];
for (const c of classes) if (!customElements.get(c.tagName)) customElements.define(c.tagName, c);

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const at = (s: number) => new Date(NOW + s * 1000).toISOString();
const policy = { minLength: 12, maxLength: 128, minScore: 3, contextWords: true };
const declaration = { version: '2026-01', text: 'Declaro que toda la información registrada es fidedigna' };
const activation = {
  sentTo: 'j***@g***.com',
  from: 'no-responder@iess.gob.ec',
  subject: 'ACTIVACIÓN CLAVE' as const,
  expiresAt: at(180),
  resendAvailableAt: at(60),
  resendsLeft: 3,
};
const questions = [
  { id: 'a', kind: 'text' as const, text: '¿Cuál es el nombre de su primera mascota?' },
  {
    id: 'b',
    kind: 'choice' as const,
    text: '¿Cuál de estos fue uno de sus empleadores?',
    options: [
      { value: 'a', label: 'COMERCIAL ANDINA S.A.' },
      { value: 'b', label: 'PESQUERA DEL PACÍFICO CIA. LTDA.' },
      { value: 'c', label: 'CONSTRUCTORA AUSTRAL S.A.' },
      { value: 'd', label: 'Ninguno de los anteriores' },
    ],
  },
];
const bank = {
  min: 3,
  questions: [
    '¿Cuál es el nombre de su primera mascota?',
    '¿En qué ciudad nació su madre?',
    '¿Cómo se llamaba su escuela primaria?',
    '¿Cuál es el nombre de su mejor amigo de la infancia?',
    '¿Cuál es su comida favorita?',
    '¿Cuál es el título de su libro favorito?',
    '¿En qué calle vivía cuando era niño?',
    '¿Cuál fue su primer trabajo?',
    '¿Cuál es el segundo nombre de su abuelo materno?',
    '¿Cuál es su equipo de fútbol favorito?',
  ].map((text, i) => ({ id: `q${i}`, text })),
};

/** view -> [tag, properties] */
const views: Record<string, [string, Record<string, unknown>]> = {
  identificacion: ['iess-paso-identificacion', { solver: () => Promise.resolve('x') }],
  verificacion: ['iess-paso-verificacion', { questions, attemptsLeft: 5, maskedId: '******5675' }],
  'verificacion-ultimo-intento': ['iess-paso-verificacion', { questions, attemptsLeft: 1, maskedId: '******5675', failed: true }],
  confirmacion: ['iess-dialogo-confirmacion', {}],
  preguntas: ['iess-paso-preguntas', { bank }],
  'correo-registrado': ['iess-paso-correo', { email: { onRecord: true, masked: 'j***@g***.com' } }],
  'correo-nuevo': ['iess-paso-correo', { email: { onRecord: false } }],
  'correo-enviado': ['iess-paso-correo-enviado', { activation, clockOffset: 0, now: NOW + 130_000 }],
  'nueva-clave': ['iess-paso-nueva-clave', { policy, identification: '1712345675', declaration, maskedId: '******5675' }],
  final: ['iess-paso-final', { portalUrl: 'https://www.iess.gob.ec/', flowCase: 'generar' }],
  bloqueo: ['iess-estado-bloqueo', { lockedUntil: at(7200), timeZone: 'America/Guayaquil' }],
  expirado: ['iess-estado-expirado', { what: 'link' }],
  error: ['iess-estado-error', { kind: 'network' }],
};

const params = new URLSearchParams(location.search);
const view = views[params.get('view') ?? ''] ?? views['identificacion']!;
const el = document.createElement(view[0]) as HTMLElement & { updateComplete: Promise<unknown> };
Object.assign(el, view[1], params.get('lang') === 'en' ? { localizer: new Localizer(en) } : {});
document.querySelector('main')!.append(el);

/** Variant "hostile": an aggressive host stylesheet (docs/widget-forms.md), plus a plain page input to show its effect. */
const HOSTILE_CSS = `
  * { box-sizing: content-box !important; font-family: "Comic Sans MS", cursive !important; letter-spacing: 3px !important; }
  input, button, select { all: unset !important; border: 5px dashed red !important; background: yellow !important; width: 60px !important; font-size: 28px !important; }
  form { display: flex !important; flex-direction: row-reverse !important; }
  label { font-size: 8px !important; }
  [hidden] { display: block !important; }
`;
if (params.get('variant') === 'hostile') {
  const style = document.createElement('style');
  style.textContent = HOSTILE_CSS;
  document.head.append(style);
  const control = document.createElement('p');
  const input = document.createElement('input');
  input.setAttribute('aria-label', 'page input');
  control.append('A page input under the same CSS: ', input);
  document.querySelector('main')!.prepend(control);
}

/** Variant "errors": press the step's submit with nothing filled in, to show the error summary. */
async function variant(): Promise<void> {
  await el.updateComplete;
  if (params.get('variant') === 'errors') {
    const form = el.shadowRoot?.querySelector('form') ?? el.querySelector('form');
    form?.requestSubmit();
    await el.updateComplete;
    await el.updateComplete;
  }
  document.body.dataset['ready'] = 'true';
}
void variant();
export const VIEWS = Object.keys(views);
