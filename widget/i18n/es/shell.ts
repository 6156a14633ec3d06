/**
 * Spanish (es-EC) strings of the shell that the first step needs: the title, progress, the first
 * announcement, the configuration's errors. Owned by the shell; the rest is in ./shell-later.ts.
 */
export const shell = {
  'shell.title': 'Generar / Recuperar clave de afiliado',
  // Before BUSCAR the number of steps (5 or 6) is unknown: only the step's number.
  'shell.progress': (index: number, total: number | null) => `Paso ${index}${total ? ` de ${total}` : ''}`,
  'shell.loading': 'Cargando…',
  'shell.announce.step': (index: number, total: number | null, title: string) => `Paso ${index}${total ? ` de ${total}` : ''}: ${title}`,
  'shell.step.identification': 'Identificación',
  'shell.cancel': 'Cancelar el trámite',
  // Said on the first step before any answer: the other problems, titles and time words load
  // later (./shell-later.ts).
  'shell.problem.captcha-required': 'Marque «No soy un robot» antes de presionar BUSCAR.',
  // Also what any problem is said as when the later strings could not load (shell/shell-words.ts).
  'shell.problem.network':
    'No hay conexión con el IESS. Revise su conexión a internet e intente de nuevo; sus datos siguen en el formulario.',
  'shell.config.title': 'Configuración incorrecta del componente',
  'shell.config.intro': 'Quien instaló este formulario en la página debe corregir lo siguiente:',
  'shell.config.api': 'Falta el servicio: indique el atributo api-base (URL https del servicio) o asigne la propiedad .api.',
  'shell.config.field': (field: string) => `«${field}» no es válido.`,
  'shell.config.url': 'Debe ser una URL https (http solo para localhost).',
  'shell.config.lang': 'Use «es» o «en».',
  'shell.config.messages': 'Debe ser un objeto de textos: { "clave": "texto" }.',
} as const;
