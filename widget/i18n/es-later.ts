/**
 * The later steps' Spanish strings and the shell's for what comes after the first step, added to
 * the Spanish table when this module loads. Every step element after the first imports it, so an
 * element never renders before its strings are there, whether it comes with the widget's later
 * chunk or is imported on its own (index.ts); the shell has its flow controller load it before any
 * answer from the server is fed in (the only way past the first step).
 */
import { es } from './es.ts';
import { shellLater } from './es/shell-later.ts';
import { steps } from './es/steps.ts';

Object.assign(es, shellLater, steps);
