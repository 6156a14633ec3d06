/**
 * Spanish (es-EC): the default language and the fallback for every key. The institution's button
 * texts (BUSCAR, CONTINUAR, ACEPTAR, GENERAR, FINALIZAR, CLIC PARA CONTINUAR) stay in capitals.
 * Values are strings, or functions for strings with parameters.
 */
import { shell } from './es/shell.ts';
import { steps } from './es/steps.ts';

export const es = { ...shell, ...steps } as const;

export type MessageKey = keyof typeof es;
export type MessageValue = string | ((...args: never[]) => string);
/** A language: the same keys as Spanish; a missing key falls back to Spanish. */
export type Messages = { readonly [K in MessageKey]?: (typeof es)[K] extends string ? string : (typeof es)[K] };
