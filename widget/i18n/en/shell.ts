/** English strings of the shell. */
export const shell = {
  'shell.title': 'Create / Recover your affiliate password',
} as const;
