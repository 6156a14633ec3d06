/** English: loaded only when asked for (dynamic import from localize.ts), so Spanish pages never download it. */
import type { Messages } from './es.ts';
import { shell } from './en/shell.ts';
import { steps } from './en/steps.ts';

export const en: Messages = { ...shell, ...steps };
