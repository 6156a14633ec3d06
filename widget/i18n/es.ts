/**
 * Spanish (es-EC): the default language and the fallback for every key. The institution's button
 * texts (BUSCAR, CONTINUAR, ACEPTAR, GENERAR, FINALIZAR, CLIC PARA CONTINUAR) stay in capitals.
 * Values are strings, or functions for strings with parameters.
 */
import { firstStep } from './es/first-step.ts';
import { shell } from './es/shell.ts';
import type { steps } from './es/steps.ts';

type Spanish = typeof shell & typeof firstStep & typeof steps;

/**
 * The Spanish table. The shell's and the first step's strings are here from the start; the later
 * steps' join it when the first of their modules loads (./es-later.ts, imported by each of them),
 * so they stay out of what the page waits for before the first step.
 */
export const es: Spanish = { ...shell, ...firstStep } as Spanish;

export type MessageKey = keyof typeof es;
export type MessageValue = string | ((...args: never[]) => string);
/** A language: the same keys as Spanish; a missing key falls back to Spanish. */
export type Messages = { readonly [K in MessageKey]?: (typeof es)[K] extends string ? string : (typeof es)[K] };
