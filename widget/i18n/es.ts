/**
 * Spanish (es-EC): the default language and the fallback for every key. The institution's button
 * texts (BUSCAR, CONTINUAR, ACEPTAR, GENERAR, FINALIZAR, CLIC PARA CONTINUAR) stay in capitals.
 * Values are strings, or functions for strings with parameters.
 */
import { firstStep } from './es/first-step.ts';
import { shell } from './es/shell.ts';
import type { shellLater } from './es/shell-later.ts';
import type { steps } from './es/steps.ts';

type Spanish = typeof shell & typeof firstStep & typeof shellLater & typeof steps;

/**
 * The Spanish table. What the shell and the first step say before any answer is here from the
 * start; the rest (the later steps', the shell's for later) joins it when ./es-later.ts loads —
 * imported by every later step, and awaited by the shell's flow controller before it feeds in an
 * answer — so it stays out of what the page waits for before the first step.
 */
export const es: Spanish = { ...shell, ...firstStep } as Spanish;

export type MessageKey = keyof typeof es;
export type MessageValue = string | ((...args: never[]) => string);
/** A language: the same keys as Spanish; a missing key falls back to Spanish. */
export type Messages = { readonly [K in MessageKey]?: (typeof es)[K] extends string ? string : (typeof es)[K] };
