/**
 * The procedure's contact channels and hours, in ONE place: the widget's screens
 * (widget/steps/contact.ts) and the server's e-mails (server/mail/templates.ts) read them from
 * here, and test/unit/contact-source.test.ts compares every e-mail and every screen that shows
 * them with this module. The values are the procedure sheet's («Contacto para atención
 * ciudadana», «¿Dónde y cuál es el horario de atención?», «¿Cuál es el costo del trámite?»):
 *  - Atención al Ciudadano, atencionalusuario@iess.gob.ec, telephone 59323945666 (Quito, written
 *    +593 2 394 5666 for people and tel:+59323945666 for links);
 *  - the 24 hours are the ONLINE channel's (the procedure itself, «VIRTUAL: 24 horas»); the sheet
 *    gives no hours for the telephone or the mailbox, so none are claimed for them;
 *  - the procedure has no cost;
 *  - an address on record is changed only in person («actualización de datos de manera
 *    presencial»), at an IESS agency.
 */
export const CONTACT = {
  /** Who answers (the sheet's «Funcionario/Dependencia»). */
  office: 'Atención al Ciudadano',
  email: 'atencionalusuario@iess.gob.ec',
  /** As the procedure sheet writes it: country code 593, area 2 (Quito), 394 5666. */
  phone: '59323945666',
  phoneDisplay: '+593 2 394 5666',
  phoneHref: 'tel:+59323945666',
  /** Hours of the online channel (this procedure on the web); the sheet's «VIRTUAL: 24 horas». */
  onlineHours: 24,
  /** «El trámite no tiene costo». */
  free: true,
} as const;

/** "…a. m." already ends with a period: a sentence ending there gets no second one. */
export const endSentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`);
