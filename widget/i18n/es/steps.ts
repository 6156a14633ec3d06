/** Spanish (es-EC) strings of the step elements. Owned by the steps. */
export const steps = {
  'common.continue': 'CONTINUAR',
} as const;
