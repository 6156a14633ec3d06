/**
 * The extension's own words (options page, popup frame, badge tooltip, notifications). The
 * wizard's words live in widget/i18n. Spanish first; English on request; anything else -> Spanish.
 */
import type { Lang } from './settings.ts';

const es = {
  'options.title': 'Opciones — IESS clave',
  'options.heading': 'Opciones del asistente de clave IESS',
  'options.backend.label': 'Dirección del servidor',
  'options.backend.hint':
    'La dirección del servicio «Generar / Recuperar clave» (https://…). Déjela vacía para usar la del IESS, {url}. Solo en este equipo se admite http://localhost o http://127.0.0.1.',
  'options.backend.policy': 'Su organización fijó esta dirección con una política: no se puede cambiar aquí.',
  'options.lang.label': 'Idioma',
  'options.lang.es': 'Español',
  'options.lang.en': 'English',
  'options.save': 'GUARDAR',
  'options.saved': 'Opciones guardadas.',
  'options.saved-default': 'Opciones guardadas. Se usará el servidor del IESS.',
  'options.permission.denied': 'No se concedió el permiso para conectarse a ese servidor. Sin él, el asistente no puede funcionar.',
  'options.permission.granted': 'Permiso concedido para {origin}.',
  'options.check.ok': 'El servidor respondió correctamente.',
  'options.check.failed': 'No se pudo contactar al servidor. Revise la dirección.',
  'options.error.invalid': 'Escriba una dirección válida, por ejemplo https://clave.iess.gob.ec',
  'options.error.insecure': 'Use https://. Solo se admite http:// para localhost o 127.0.0.1.',
  'options.error.credentials': 'La dirección no debe incluir usuario ni contraseña.',
  'options.error.not-origin': 'La dirección no debe incluir «?» ni «#».',
  'options.error.save-failed': 'No se pudieron guardar las opciones. Intente de nuevo; si vuelve a pasar, cierre y abra el navegador.',
  'options.error.load-failed': 'No se pudieron leer las opciones guardadas. Puede escribirlas de nuevo y pulsar GUARDAR.',
  'options.privacy.heading': 'Privacidad',
  'options.privacy.text':
    'La extensión envía su identificación, fecha de nacimiento (día y mes), respuestas, correo y nueva clave solo al servidor en uso: el del IESS, o el que se indique aquí o fije su organización. No guarda ninguno de esos datos en el navegador.',
  'popup.title': 'Generar / Recuperar clave IESS',
  'popup.setup.heading': 'Falta configurar el servidor',
  'popup.setup.text': 'Conceda en las opciones de la extensión el permiso para conectarse al servidor (pulse GUARDAR).',
  'popup.setup.button': 'ABRIR OPCIONES',
  'popup.options-link': 'Opciones',
  'popup.ended.completed.heading': 'Su clave está lista',
  'popup.ended.completed.text':
    'Se usó el enlace del correo y su clave quedó creada. Ya puede ingresar al portal del IESS con su identificación y su nueva clave.',
  'popup.ended.expired.heading': 'El trámite terminó',
  'popup.ended.expired.text': 'El tiempo para completar el trámite terminó. Inicie el trámite otra vez: le enviaremos un enlace nuevo.',
  'popup.ended.restart': 'INICIAR UN TRÁMITE NUEVO',
  'badge.title': 'El enlace de activación vence en {minutes} min',
  'notify.expiring.title': 'El enlace de activación está por vencer',
  'notify.expiring.message': 'Abra el correo «ACTIVACIÓN CLAVE» y pulse CLIC PARA CONTINUAR antes de que venza.',
} as const;

export type ExtensionMessageKey = keyof typeof es;
type Dictionary = Record<ExtensionMessageKey, string>;

const en: Dictionary = {
  'options.title': 'Options — IESS password',
  'options.heading': 'IESS password assistant options',
  'options.backend.label': 'Server address',
  'options.backend.hint':
    'The address of the "Generate / Recover password" service (https://…). Leave it empty to use the IESS one, {url}. http://localhost or http://127.0.0.1 are accepted for this computer only.',
  'options.backend.policy': 'Your organisation set this address by policy: it cannot be changed here.',
  'options.lang.label': 'Language',
  'options.lang.es': 'Español',
  'options.lang.en': 'English',
  'options.save': 'SAVE',
  'options.saved': 'Options saved.',
  'options.saved-default': 'Options saved. The IESS server will be used.',
  'options.permission.denied': 'Permission to connect to that server was not granted. Without it the assistant cannot work.',
  'options.permission.granted': 'Permission granted for {origin}.',
  'options.check.ok': 'The server answered correctly.',
  'options.check.failed': 'The server could not be reached. Check the address.',
  'options.error.invalid': 'Type a valid address, for example https://clave.iess.gob.ec',
  'options.error.insecure': 'Use https://. http:// is only accepted for localhost or 127.0.0.1.',
  'options.error.credentials': 'The address must not contain a user name or password.',
  'options.error.not-origin': 'The address must not contain "?" or "#".',
  'options.error.save-failed': 'The options could not be saved. Try again; if it happens again, close and reopen the browser.',
  'options.error.load-failed': 'The saved options could not be read. You can enter them again and press SAVE.',
  'options.privacy.heading': 'Privacy',
  'options.privacy.text':
    'The extension sends your identification, birth day and month, answers, e-mail and new password only to the server in use: the IESS one, or the one set here or by your organisation. It stores none of them in the browser.',
  'popup.title': 'Generate / Recover IESS password',
  'popup.setup.heading': 'The server is not set up yet',
  'popup.setup.text': 'Grant permission to connect to the server in the extension options (press SAVE).',
  'popup.setup.button': 'OPEN OPTIONS',
  'popup.options-link': 'Options',
  'popup.ended.completed.heading': 'Your password is ready',
  'popup.ended.completed.text':
    'The link in the e-mail was used and your password was created. You can now sign in to the IESS portal with your identification and your new password.',
  'popup.ended.expired.heading': 'The procedure ended',
  'popup.ended.expired.text': 'The time to complete the procedure ran out. Start again: we will send you a new link.',
  'popup.ended.restart': 'START A NEW PROCEDURE',
  'badge.title': 'The activation link expires in {minutes} min',
  'notify.expiring.title': 'The activation link is about to expire',
  'notify.expiring.message': 'Open the "ACTIVACIÓN CLAVE" e-mail and press CLIC PARA CONTINUAR before it expires.',
};

const dictionaries: Record<Lang, Dictionary> = { es, en };

/** Spanish for anything that is not English. */
export function translator(lang: Lang) {
  const dictionary = dictionaries[lang];
  return (key: ExtensionMessageKey, values: Record<string, string | number> = {}): string =>
    dictionary[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
export type Translate = ReturnType<typeof translator>;
