/**
 * The later steps' Spanish strings, added to the Spanish table when this module loads. Every step
 * element after the first imports it, so an element never renders before its strings are there,
 * whether it comes with the widget's later chunk or is imported on its own (index.ts).
 */
import { es } from './es.ts';
import { steps } from './es/steps.ts';

Object.assign(es, steps);
