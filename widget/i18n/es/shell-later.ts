/**
 * Spanish (es-EC) strings of the shell for what comes after the first step: the later steps'
 * titles, the problems an answer from the server brings, the end states' titles, the time words.
 * Owned by the shell. Not in the first load: they join the Spanish table with the later steps'
 * (../es-later.ts), which the shell has the controller load before it feeds in any answer.
 */
export const shellLater = {
  'shell.step.verification': 'Verificación de datos',
  'shell.step.security-questions': 'Preguntas de seguridad',
  'shell.step.email': 'Correo electrónico',
  'shell.step.activation-sent': 'Correo enviado',
  'shell.step.declaration': 'Declaración',
  'shell.step.new-password': 'Nueva clave',
  // Said by the shell when "Necesito más tiempo" was answered (the other time words: ./steps.ts timer.*).
  'timer.flow.extended': (minutes: number) => `Listo: tiene ${minutes} minutos más para completar el trámite.`,
  'shell.link.remaining': (time: string) => `El enlace del correo vence en ${time}.`,
  // Problems shown on the current step; what typed stays in the form.
  'shell.problem.timeout': 'El IESS tardó demasiado en responder. Intente de nuevo en un momento; sus datos siguen en el formulario.',
  'shell.problem.bad-response':
    'Recibimos una respuesta inesperada del IESS. Intente de nuevo en un momento; sus datos siguen en el formulario.',
  'shell.problem.server': 'El servicio del IESS tuvo un problema. Intente de nuevo en unos minutos.',
  'shell.problem.unavailable':
    'El servicio del IESS no está disponible ahora. Intente de nuevo en unos segundos; sus datos siguen en el formulario.',
  'shell.problem.rate-limited': (minutes?: number) =>
    minutes
      ? `Demasiados intentos seguidos. Por seguridad, podrá intentar de nuevo en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}; hasta entonces el botón queda desactivado.`
      : 'Demasiados intentos seguidos. Espere un momento e intente de nuevo.',
  'shell.problem.rate-limited-over': 'Ya puede intentar de nuevo.',
  'shell.problem.captcha-failed': 'No pudimos comprobar «No soy un robot». Márquelo otra vez y presione BUSCAR.',
  'shell.problem.validation': 'Algún dato no tiene el formato correcto. Revíselo e intente de nuevo.',
  'shell.problem.verification-failed': (left: number) =>
    left === 1
      ? 'Los datos no coinciden con nuestros registros. Le queda 1 intento: si falla, el trámite se bloqueará.'
      : `Los datos no coinciden con nuestros registros. Le quedan ${left} intentos.`,
  'shell.problem.attempts-spent': 'Ya no le quedan intentos. No se enviarán más datos.',
  'shell.problem.password-rejected': 'La nueva clave no cumple las reglas. Revise los puntos marcados.',
  'shell.problem.email-limit': 'Ya registró un correo nuevo en las últimas 24 horas. Use ese correo o inténtelo mañana.',
  'shell.problem.in-person-required':
    'Por su seguridad, el correo nuevo se registra en persona: acérquese a una oficina del IESS con su documento de identidad.',
  'shell.problem.sequence': 'El trámite avanzó en otra ventana. Vuelva a empezar para continuar.',
  'shell.problem.idempotency-conflict': 'La solicitud se repitió con datos distintos. Intente de nuevo.',
  'shell.problem.generic': 'No pudimos completar la solicitud. Intente de nuevo.',
  // Announced when an end state shows (the state elements say the rest).
  'shell.locked.title': 'Trámite bloqueado temporalmente',
  'shell.expired.title': 'El tiempo terminó',
  // A link that ended is announced the way it ended.
  'shell.expired.link-expired': 'El enlace venció',
  'shell.expired.link-used': 'El enlace ya se usó: su clave ya fue creada',
  'shell.expired.link-replaced': 'El enlace fue reemplazado por uno más nuevo',
  'shell.error.title': 'No pudimos continuar',
  'shell.inPerson.title': 'Registre su correo en una oficina del IESS',
  'shell.done.title': 'Clave lista',
} as const;
