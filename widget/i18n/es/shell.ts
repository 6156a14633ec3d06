/** Spanish (es-EC) strings of the shell: progress, live announcements, problem states. Owned by the shell. */
export const shell = {
  'shell.title': 'Generar / Recuperar clave de afiliado',
} as const;
