/**
 * Spanish (es-EC) strings the first step needs (and the shared ones: buttons, contact channels),
 * loaded with the entry; the later steps' strings are in ./steps.ts. The institution's button
 * texts stay in capitals. Functions for strings with parameters.
 */
const two = (n: number): string => String(n).padStart(2, '0');

export const firstStep = {
  'common.continue': 'CONTINUAR',
  'common.accept': 'ACEPTAR',
  'common.back': 'Regresar',
  'common.cancel': 'Cancelar',
  'common.required': '(obligatorio)',
  'common.show': 'Mostrar',
  'common.hide': 'Ocultar',
  'common.sending': 'Enviando…',
  'common.errorSummaryTitle': (n: number) => (n === 1 ? 'Hay 1 problema que corregir' : `Hay ${n} problemas que corregir`),
  'common.duration': (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const parts = [h ? (h === 1 ? '1 hora' : `${h} horas`) : '', m ? (m === 1 ? '1 minuto' : `${m} minutos`) : ''].filter(Boolean);
    return parts.join(' y ');
  },
  'common.minutesSeconds': (minutes: number, seconds: number) => `${minutes}:${two(seconds)}`,

  'contact.title': (office: string) => `¿Necesita ayuda? ${office}`,
  'contact.email': 'Correo electrónico:',
  'contact.phone': 'Teléfono:',
  // The 24 hours are the online channel's (the procedure sheet), not the telephone's.
  'contact.hours': (hours: number) => `El trámite en línea está disponible las ${hours} horas y no tiene costo.`,

  'id.title': 'Identificación',
  'id.intro': 'Ingrese su número de identificación para generar o recuperar su clave de afiliado.',
  'id.typeLegend': 'Tipo de identificación',
  'id.type.cedula': 'Cédula de ciudadanía',
  'id.type.extranjero': 'Código de identificación para extranjeros',
  'id.label.cedula': 'Número de cédula',
  'id.label.extranjero': 'Código de identificación para extranjeros',
  'id.hint.cedula': '10 dígitos, por ejemplo 1712345675. Puede escribir guiones o espacios.',
  'id.hint.extranjero': 'Tal como consta en su documento del IESS.',
  'id.error.empty': 'Ingrese su número de identificación.',
  'id.error.format': 'La cédula lleva solo números (puede separar con guiones o espacios).',
  'id.error.length': 'La cédula debe tener 10 dígitos.',
  'id.error.province': 'Los dos primeros dígitos de la cédula no corresponden a una provincia (01 a 24, o 30).',
  'id.error.third-digit': 'El tercer dígito de la cédula no puede ser 7, 8 ni 9 (esos números son de empresas).',
  'id.error.checksum': 'El número de cédula no es válido: revise que esté bien escrito (el último dígito no coincide).',
  'id.error.extranjero.format': 'El código lleva solo letras y números, con guiones entre ellos si los tiene.',
  'id.error.extranjero.length': 'El código debe tener de 5 a 20 caracteres.',
  'id.error.invalid': 'Revise el número de identificación.',
  'id.captcha.label': 'No soy un robot',
  'id.captcha.verifying': 'Verificando…',
  'id.captcha.done': 'Verificado',
  'id.captcha.failed': 'No se pudo verificar. Vuelva a marcar la casilla.',
  'id.captcha.required': 'Marque la casilla «No soy un robot».',
  'id.captcha.hint': 'Su equipo resuelve un cálculo breve; no hay imágenes ni acertijos.',
  'id.submit': 'BUSCAR',
  'id.privacy.summary': 'Protección de sus datos personales',
  'id.privacy.controller': 'Responsable: Instituto Ecuatoriano de Seguridad Social (IESS).',
  'id.privacy.purpose':
    'Finalidad: verificar su identidad para generar o recuperar su clave de afiliado. Solo pedimos su identificación, el día y mes de nacimiento, sus respuestas y su correo.',
  'id.privacy.basis':
    'Base legal: cumplimiento de una obligación legal y de la misión pública del IESS (Ley Orgánica de Protección de Datos Personales, art. 7).',
  'id.privacy.rights': (email: string) =>
    `Sus derechos: acceso, rectificación, eliminación, oposición y portabilidad, ante el IESS (${email}) y la Autoridad de Protección de Datos Personales.`,
} as const;
