/** English strings of the step elements (button texts translated; the Spanish UI keeps the institution's words). */
export const steps = {
  'common.continue': 'CONTINUE',
} as const;
