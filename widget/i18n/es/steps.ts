/**
 * Spanish (es-EC) strings of the step elements shown after the first one. Owned by the steps. The
 * institution's button texts stay in capitals. Functions for strings with parameters; the English
 * file has the same keys as this one and ./first-step.ts together (test/unit/i18n-parity.test.ts).
 * Not in the first load: they join the Spanish table when a later step's module loads (../es-later.ts).
 */

export const steps = {
  'verif.title': 'Verificación de datos',
  'verif.intro': (maskedId: string) => `Identificación: ${maskedId}. Responda con los datos registrados en el IESS.`,
  'verif.birthLegend': 'Fecha de nacimiento',
  'verif.day': 'Día',
  'verif.month': 'Mes',
  'verif.choose': 'Seleccione',
  'verif.months': 'enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre',
  'verif.error.day': 'Seleccione el día de su nacimiento.',
  'verif.error.month': 'Seleccione el mes de su nacimiento.',
  'verif.error.date': 'Esa fecha no existe: revise el día y el mes.',
  // Seguido de la pregunta tal como la escribió el servidor (marcada lang="es" en inglés).
  'verif.error.answer': 'Responda la pregunta:',
  'verif.attemptsLeft': (n: number) => (n === 1 ? 'Le queda 1 intento.' : `Le quedan ${n} intentos.`),
  'verif.lastAttempt': 'Atención: este es su último intento. Si los datos no coinciden, el acceso se bloqueará por un tiempo.',
  'verif.lastAttemptFor': (duration: string) =>
    `Atención: es su último intento. Si los datos no coinciden, el trámite se bloqueará durante ${duration}.`,
  'verif.lastAttemptHelp': (office: string, email: string, phone: string) =>
    `Si no recuerda sus datos, no lo intente: comuníquese con ${office} (${email}, ${phone}) o vaya a una agencia del IESS.`,
  'verif.failed': 'Los datos ingresados no coinciden con los registrados.',
  'verif.noAttempts': 'No le quedan intentos.',

  'confirm.title': 'Confirmación',
  'confirm.text': 'Si está seguro de la información registrada, dé clic en ACEPTAR',
  'confirm.back': 'Revisar los datos',
  'confirm.emailTo': 'Enviaremos el enlace de activación a:',

  'sq.title': 'Preguntas de seguridad',
  'sq.intro': (min: number) =>
    `Responda al menos ${min} de las siguientes preguntas. Le servirán para verificar su identidad más adelante.`,
  'sq.progress': (answered: number, total: number) => `${answered} de ${total}`,
  'sq.progressLabel': 'Preguntas respondidas',
  'sq.showAnswers': 'Mostrar respuestas',
  'sq.error.notEnough': (min: number) => `Responda al menos ${min} preguntas.`,
  'sq.error.duplicate': 'Esta respuesta es igual a otra: use respuestas distintas.',
  'sq.error.too-short': (min: number) => `Escriba una respuesta de al menos ${min} caracteres.`,
  'sq.error.trivial': 'Esta respuesta es demasiado fácil de adivinar (por ejemplo «no sé», «1234» o una letra repetida).',

  'email.title': 'Correo electrónico',
  'email.inPerson':
    'Sus datos son correctos, pero no tenemos un correo registrado a su nombre y, por su seguridad, un correo nuevo solo puede registrarse en persona. Acérquese a cualquier oficina del IESS con su documento de identidad; allí registran su correo y luego puede generar su clave aquí.',
  'email.onRecord': 'Enviaremos el enlace de activación a su correo registrado:',
  'email.lost.summary': '¿Ya no usa ese correo o no puede abrirlo?',
  'email.lost.dontContinue': 'No presione CONTINUAR: el enlace llegaría a ese correo.',
  'email.lost.inPerson':
    'El correo registrado solo se cambia en persona, en una agencia del IESS, con su documento de identidad. Luego podrá hacer este trámite.',
  'email.newIntro': 'Ingrese el correo electrónico al que enviaremos el enlace de activación.',
  'email.label': 'Correo electrónico',
  'email.confirmLabel': 'Confirme su correo electrónico',
  'email.hint': 'Por ejemplo, nombre@gmail.com',
  'email.suggest': (suggestion: string) => `¿Quiso decir ${suggestion}?`,
  'email.useSuggestion': (suggestion: string) => `Sí, usar ${suggestion}`,
  'email.keepTyped': (typed: string) => `No, mi correo es ${typed}`,
  'email.error.choose': (suggestion: string) => `¿Quiso decir ${suggestion}? Elija una de las dos respuestas.`,
  'email.error.required': 'Ingrese su correo electrónico.',
  'email.error.format': 'Escriba el correo completo, por ejemplo nombre@gmail.com.',
  'email.error.local-part': 'Antes de la @ use solo letras sin tildes ni ñ, números y los signos . _ - +.',
  'email.error.confirmRequired': 'Escriba otra vez su correo electrónico.',
  'email.error.mismatch': 'Los dos correos no coinciden.',

  'sent.title': 'Revise su correo',
  'sent.intro': (maskedEmail: string) => `Enviamos un mensaje a ${maskedEmail}.`,
  'sent.from': 'Remitente',
  'sent.subject': 'Asunto',
  'sent.instructions': 'Abra el mensaje y dé clic en el botón CLIC PARA CONTINUAR.',
  'sent.spam': 'Si no lo encuentra, revise la carpeta de correo no deseado (spam).',
  'sent.timerLabel': 'Tiempo restante del enlace',
  'sent.remaining': (time: string) => `El enlace vence en ${time}.`,
  'sent.expired': 'El enlace venció. Pida un nuevo correo.',
  'sent.resend': 'Reenviar correo',
  'sent.resendIn': (time: string) => `Podrá reenviar en ${time}`,
  'sent.resendsLeft': (n: number) => (n === 1 ? 'Queda 1 reenvío.' : `Quedan ${n} reenvíos.`),
  'sent.noResends': 'Ya no se puede reenviar el correo. Inicie el trámite otra vez.',
  'sent.waiting': 'Esta página avanzará sola cuando use el enlace.',
  'sent.change': 'Cambiar correo',
  'sent.changeHint': '¿Está mal escrito? Corríjalo mientras no haya usado el enlace.',

  'act.intro': (maskedId: string) => `Identificación: ${maskedId}.`,
  'act.declaration': 'Declaro que toda la información registrada es fidedigna',
  'act.error.required': 'Marque la declaración para generar su clave.',

  'pw.title': 'Nueva clave',
  'pw.intro': 'Escriba su nueva clave dos veces. Puede pegarla o usar el gestor de contraseñas de su navegador.',
  'pw.username': 'Identificación',
  'pw.usernameVisible': 'Su número de identificación (opcional)',
  'pw.usernameHint': 'Solo para que su navegador guarde la clave junto a su usuario; no se envía al IESS.',
  'pw.label': 'Nueva clave',
  'pw.confirmLabel': 'Confirme la nueva clave',
  'pw.show': 'Mostrar las claves',
  'pw.rulesTitle': 'Su clave debe cumplir:',
  'pw.rule.minLength': (n: number) => `Al menos ${n} caracteres`,
  'pw.rule.maxLength': (n: number) => `Como máximo ${n} caracteres`,
  'pw.rule.match': 'Las dos claves coinciden',
  'pw.rule.characters': 'Solo caracteres que se ven y se pueden escribir',
  'pw.rule.noContext': 'No contener su número de identificación, su nombre ni las palabras «iess» o «clave»',
  'pw.rule.strong': (n: number) => `Ser difícil de adivinar: nivel ${n} de 4 o más`,
  'pw.strength.checking': 'comprobando…',
  'pw.strength.level': (score: number) => `nivel actual: ${score} de 4`,
  'pw.strength.ok': (score: number) => `Clave difícil de adivinar: nivel ${score} de 4.`,
  'pw.strength.weak': (score: number, min: number) =>
    `Clave fácil de adivinar: nivel ${score} de 4; se pide al menos ${min}. Use una frase de varias palabras que no vayan juntas.`,
  'pw.ruleMet': 'cumplido',
  'pw.ruleUnmet': 'pendiente',
  'pw.error.required': 'Escriba su nueva clave.',
  'pw.error.too-short': (n: number) => `La clave es muy corta: use al menos ${n} caracteres.`,
  'pw.error.too-long': (n: number) => `La clave es muy larga: use como máximo ${n} caracteres.`,
  'pw.error.weak':
    'Esa clave es fácil de adivinar: se parece a claves comunes, palabras, fechas, teclas seguidas o a sus datos. Use una frase de tres o cuatro palabras que no vayan juntas.',
  'pw.error.blank': 'La clave no puede ser solo espacios. Escriba letras, números o símbolos.',
  'pw.error.ill-formed': (cp?: string) =>
    `La clave tiene un carácter incompleto${at(cp)} que no se puede guardar. Bórrelo y vuelva a escribir ese carácter o emoji.`,
  'pw.error.control-character': (cp?: string) =>
    `La clave tiene un carácter de control invisible${at(cp)}, como un tabulador o un salto de línea. Quítelo: escriba la clave en una sola línea.`,
  'pw.error.line-separator': (cp?: string) =>
    `La clave tiene un separador de línea o de párrafo${at(cp)}. Quítelo: escriba la clave en una sola línea.`,
  'pw.error.format-character': (cp?: string) =>
    `La clave tiene un carácter invisible de formato${at(cp)}, como un espacio de ancho cero o una marca de dirección del texto. Quítelo: escriba la clave en lugar de pegarla.`,
  'pw.error.unassigned-character': (cp?: string) => `La clave tiene un carácter que Unicode no define${at(cp)}. Cámbielo por otro.`,
  'pw.error.context': 'La clave no puede contener su identificación, su nombre ni la palabra «iess».',
  'pw.error.mismatch': 'Las dos claves no coinciden.',
  'pw.error.confirmRequired': 'Escriba otra vez su nueva clave.',
  'pw.error.invalid': 'La clave no cumple las reglas.',
  'pw.submit': 'GENERAR',

  'final.title': 'Su clave está lista',
  'final.generar': 'Generó su clave de afiliado correctamente.',
  'final.recuperar': 'Recuperó su clave de afiliado correctamente.',
  'final.next': 'Ya puede ingresar al portal del IESS con su identificación y su nueva clave.',
  'final.submit': 'FINALIZAR',

  'lock.title': 'Acceso bloqueado temporalmente',
  'lock.what': 'Los datos no coincidieron varias veces y, por su seguridad, bloqueamos el trámite para esta identificación.',
  // "7:00 a. m." already ends with a period: do not add a second one.
  'lock.until': (when: string) => `Podrá intentarlo de nuevo desde el ${when}${when.endsWith('.') ? '' : '.'}`,
  'lock.unknownUntil': 'Podrá intentarlo de nuevo más tarde.',
  'lock.next': 'Si sus datos cambiaron o no los recuerda, comuníquese con Atención al Ciudadano o acérquese a una agencia del IESS.',

  'expired.title': 'El enlace o el trámite venció',
  'expired.link': 'El enlace de activación ya no es válido: venció, ya se usó o se pidió uno más nuevo.',
  'expired.flow': 'El tiempo para completar el trámite terminó.',
  'expired.next': 'Inicie el trámite otra vez: le enviaremos un enlace nuevo.',
  'expired.restart': 'Iniciar de nuevo',
  // Each dead link leads somewhere (issue 10): expired -> a new mail here; used -> sign in; replaced -> the latest mail.
  'expired.title.link-expired': 'El enlace venció',
  'expired.link-expired': 'El enlace de este correo ya no sirve: cada enlace vale solo unos minutos.',
  'expired.resendIntro': 'No tiene que empezar de nuevo: le enviamos otro correo a la misma dirección.',
  'expired.resend': 'Enviar un nuevo correo',
  'expired.resent': (maskedEmail: string) => `Enviamos un nuevo correo a ${maskedEmail}. Use su botón CLIC PARA CONTINUAR.`,
  'expired.title.link-used': 'Este enlace ya se usó',
  'expired.link-used': 'Su clave ya fue creada con este enlace. Ingrese al portal del IESS con su identificación y su clave.',
  'expired.signIn': 'Ingresar al portal del IESS',
  'expired.notYou': 'Si usted no creó esa clave, comuníquese de inmediato con Atención al Ciudadano.',
  'expired.title.link-replaced': 'Este enlace fue reemplazado',
  'expired.link-replaced':
    'Se pidió un correo más nuevo y este enlace dejó de servir. Use el del último correo «ACTIVACIÓN CLAVE» que recibió.',

  'error.title': 'No pudimos completar la operación',
  'error.network': 'No hay conexión con el IESS. Revise su conexión a internet.',
  'error.timeout': 'El IESS tardó demasiado en responder.',
  'error.bad-response': 'Recibimos una respuesta inesperada del IESS.',
  'error.server': 'Ocurrió un error en el servicio del IESS.',
  'error.unavailable': 'El servicio no está disponible en este momento.',
  'error.rate-limited': 'Se hicieron demasiadas solicitudes seguidas.',
  'error.generic': 'Algo salió mal.',
  'error.next': 'Espere un momento e inténtelo de nuevo. Sus datos no se perdieron.',
  'error.retryIn': (time: string) => `Podrá reintentar en ${time}.`,
  'error.retry': 'Reintentar',

  // Every time limit's milestones (2 min, 1 min, the end), shown AND said in the same words (shell/timer-notices.ts).
  'timer.sent.120': 'Quedan 2 minutos para usar el enlace del correo.',
  'timer.sent.60': 'Queda 1 minuto para usar el enlace del correo. Si no alcanza, pida un nuevo correo.',
  'timer.link.120': 'Quedan 2 minutos para usar este enlace.',
  'timer.link.60': 'Queda 1 minuto para usar este enlace: termine pronto. Si vence, podrá pedir uno nuevo.',
  'timer.flow.120': 'Quedan 2 minutos para completar el trámite.',
  'timer.flow.60': 'Queda 1 minuto para completar el trámite.',
  'timer.flow.more': 'Necesito más tiempo',
  // A problem the shell shows, kept here: it can only happen after BUSCAR (later strings).
  'shell.problem.extension-limit': 'Ya no se puede ampliar el tiempo de este trámite. Si no alcanza, podrá iniciarlo otra vez.',
  'timer.lock.120': 'El bloqueo termina en 2 minutos.',
  'timer.lock.60': 'El bloqueo termina en 1 minuto.',
  'timer.lock.0': 'El bloqueo terminó. Ya puede iniciar el trámite otra vez.',
} as const;

/** " (U+200B)" after a refused character's name, when the widget knows which one. */
function at(codePoint?: string): string {
  return codePoint ? ` (${codePoint})` : '';
}
