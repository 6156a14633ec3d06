/**
 * English strings of the step elements: the same keys as es/steps.ts (test/unit/i18n-parity.test.ts);
 * the Spanish UI keeps the institution's words, English translates them.
 */
const two = (n: number): string => String(n).padStart(2, '0');

export const steps = {
  'common.continue': 'CONTINUE',
  'common.accept': 'ACCEPT',
  'common.back': 'Back',
  'common.cancel': 'Cancel',
  'common.required': '(required)',
  'common.show': 'Show',
  'common.hide': 'Hide',
  'common.sending': 'Sending…',
  'common.errorSummaryTitle': (n: number) => (n === 1 ? 'There is 1 problem to fix' : `There are ${n} problems to fix`),
  'common.duration': (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const parts = [h ? (h === 1 ? '1 hour' : `${h} hours`) : '', m ? (m === 1 ? '1 minute' : `${m} minutes`) : ''].filter(Boolean);
    return parts.join(' and ');
  },
  'common.minutesSeconds': (minutes: number, seconds: number) => `${minutes}:${two(seconds)}`,

  'contact.title': (office: string) => `Need help? Citizen Service (${office})`,
  'contact.email': 'E-mail:',
  'contact.phone': 'Phone:',
  'contact.hours': (hours: number) => `This procedure is available online ${hours} hours a day, free of charge.`,

  'id.title': 'Identification',
  'id.intro': 'Enter your identification number to create or recover your affiliate password.',
  'id.typeLegend': 'Type of identification',
  'id.type.cedula': 'Citizen ID card (cédula)',
  'id.type.extranjero': 'Identification code for foreigners',
  'id.label.cedula': 'Cédula number',
  'id.label.extranjero': 'Identification code for foreigners',
  'id.hint.cedula': '10 digits, for example 1712345675. Hyphens or spaces are fine.',
  'id.hint.extranjero': 'As shown on your IESS document.',
  'id.error.empty': 'Enter your identification number.',
  'id.error.format': 'A cédula has numbers only (hyphens or spaces are fine).',
  'id.error.length': 'A cédula has 10 digits.',
  'id.error.province': 'The first two digits of the cédula are not a province (01 to 24, or 30).',
  'id.error.third-digit': 'The third digit of a cédula cannot be 7, 8 or 9 (those numbers belong to companies).',
  'id.error.checksum': 'This cédula number is not valid: check it for typos (the last digit does not match).',
  'id.error.extranjero.format': 'The code has letters and numbers only, with hyphens between them if any.',
  'id.error.extranjero.length': 'The code has 5 to 20 characters.',
  'id.error.invalid': 'Check the identification number.',
  'id.captcha.label': 'I am not a robot',
  'id.captcha.verifying': 'Verifying…',
  'id.captcha.done': 'Verified',
  'id.captcha.failed': 'Verification failed. Tick the box again.',
  'id.captcha.required': 'Tick the box “I am not a robot”.',
  'id.captcha.hint': 'Your device solves a short calculation; no images or puzzles.',
  'id.submit': 'SEARCH',
  'id.privacy.summary': 'Protection of your personal data',
  'id.privacy.controller': 'Controller: Instituto Ecuatoriano de Seguridad Social (IESS).',
  'id.privacy.purpose':
    'Purpose: to verify your identity to create or recover your affiliate password. We only ask for your identification, day and month of birth, your answers and your e-mail.',
  'id.privacy.basis':
    'Legal basis: a legal obligation and the public mission of the IESS (Organic Law on Personal Data Protection, art. 7).',
  'id.privacy.rights': (email: string) =>
    `Your rights: access, rectification, erasure, objection and portability, before the IESS (${email}) and the Personal Data Protection Authority.`,

  'verif.title': 'Verify your details',
  'verif.intro': (maskedId: string) => `Identification: ${maskedId}. Answer with the details registered with the IESS.`,
  'verif.birthLegend': 'Date of birth',
  'verif.day': 'Day',
  'verif.month': 'Month',
  'verif.choose': 'Choose',
  'verif.months': 'January,February,March,April,May,June,July,August,September,October,November,December',
  'verif.error.day': 'Choose the day you were born.',
  'verif.error.month': 'Choose the month you were born.',
  'verif.error.date': 'That date does not exist: check the day and month.',
  // Followed by the question as the server wrote it (marked lang="es" in English).
  'verif.error.answer': 'Answer the question:',
  'verif.attemptsLeft': (n: number) => (n === 1 ? 'You have 1 attempt left.' : `You have ${n} attempts left.`),
  'verif.lastAttempt': 'Warning: this is your last attempt. If the details do not match, access will be locked for a while.',
  'verif.lastAttemptFor': (duration: string) =>
    `Warning: this is your last attempt. If the details do not match, the procedure will be locked for ${duration}.`,
  'verif.lastAttemptHelp': (office: string, email: string, phone: string) =>
    `If you do not remember your details, do not try: contact ${office} (${email}, ${phone}) or go to an IESS office.`,
  'verif.failed': 'The details you entered do not match our records.',
  'verif.noAttempts': 'You have no attempts left.',

  'confirm.title': 'Confirmation',
  'confirm.text': 'If you are sure of the information you entered, click ACCEPT',
  'confirm.back': 'Review my details',
  'confirm.emailTo': 'We will send the activation link to:',

  'sq.title': 'Security questions',
  'sq.intro': (min: number) => `Answer at least ${min} of the following questions. They will help verify your identity later.`,
  'sq.progress': (answered: number, total: number) => `${answered} of ${total}`,
  'sq.progressLabel': 'Questions answered',
  'sq.showAnswers': 'Show answers',
  'sq.error.notEnough': (min: number) => `Answer at least ${min} questions.`,
  'sq.error.duplicate': 'This answer is the same as another one: use different answers.',
  'sq.error.too-short': (min: number) => `Write an answer of at least ${min} characters.`,
  'sq.error.trivial': 'This answer is too easy to guess (for example “I don’t know”, “1234” or one letter repeated).',

  'email.title': 'E-mail',
  'email.inPerson':
    'Your details are correct, but we have no e-mail on record for you and, for your security, a new e-mail can only be registered in person. Go to any IESS office with your identity document; they will register your e-mail and then you can create your password here.',
  'email.onRecord': 'We will send the activation link to your registered e-mail:',
  'email.lost.summary': 'No longer use that e-mail, or cannot open it?',
  'email.lost.dontContinue': 'Do not press CONTINUAR: the link would go to that address.',
  'email.lost.inPerson':
    'The e-mail on record can only be changed in person, at an IESS office, with your identity document. Then you can do this procedure.',
  'email.newIntro': 'Enter the e-mail address we will send the activation link to.',
  'email.label': 'E-mail address',
  'email.confirmLabel': 'Confirm your e-mail address',
  'email.hint': 'For example, name@gmail.com',
  'email.suggest': (suggestion: string) => `Did you mean ${suggestion}?`,
  'email.useSuggestion': (suggestion: string) => `Yes, use ${suggestion}`,
  'email.keepTyped': (typed: string) => `No, my e-mail is ${typed}`,
  'email.error.choose': (suggestion: string) => `Did you mean ${suggestion}? Choose one of the two answers.`,
  'email.error.required': 'Enter your e-mail address.',
  'email.error.format': 'Write the full address, for example name@gmail.com.',
  'email.error.local-part': 'Before the @ use only letters without accents, digits and the signs . _ - +.',
  'email.error.confirmRequired': 'Type your e-mail address again.',
  'email.error.mismatch': 'The two e-mail addresses do not match.',

  'sent.title': 'Check your e-mail',
  'sent.intro': (maskedEmail: string) => `We sent a message to ${maskedEmail}.`,
  'sent.from': 'Sender',
  'sent.subject': 'Subject',
  'sent.instructions': 'Open the message and click the button CLIC PARA CONTINUAR.',
  'sent.spam': 'If you cannot find it, check your junk (spam) folder.',
  'sent.timerLabel': 'Time left on the link',
  'sent.remaining': (time: string) => `The link expires in ${time}.`,
  'sent.expired': 'The link has expired. Ask for a new e-mail.',
  'sent.resend': 'Resend e-mail',
  'sent.resendIn': (time: string) => `You can resend in ${time}`,
  'sent.resendsLeft': (n: number) => (n === 1 ? '1 resend left.' : `${n} resends left.`),
  'sent.noResends': 'The e-mail cannot be resent any more. Start the procedure again.',
  'sent.waiting': 'This page will move on by itself when you use the link.',
  'sent.change': 'Change e-mail',
  'sent.changeHint': 'Is it mistyped? Correct it as long as you have not used the link.',

  'act.intro': (maskedId: string) => `Identification: ${maskedId}.`,
  'act.declaration': 'I declare that all the information I entered is true',
  'act.error.required': 'Tick the declaration to create your password.',

  'pw.title': 'New password',
  'pw.intro': 'Type your new password twice. You can paste it or use your browser’s password manager.',
  'pw.username': 'Identification',
  'pw.usernameVisible': 'Your identification number (optional)',
  'pw.usernameHint': 'Only so your browser saves the password with your username; it is not sent to the IESS.',
  'pw.label': 'New password',
  'pw.confirmLabel': 'Confirm the new password',
  'pw.show': 'Show the passwords',
  'pw.rulesTitle': 'Your password must:',
  'pw.rule.minLength': (n: number) => `Have at least ${n} characters`,
  'pw.rule.maxLength': (n: number) => `Have at most ${n} characters`,
  'pw.rule.match': 'Match in both fields',
  'pw.rule.characters': 'Only characters you can see and type',
  'pw.rule.noContext': 'Not contain your identification number, your name or the words “iess” or “clave”',
  'pw.rule.strong': (n: number) => `Be hard to guess: level ${n} of 4 or higher`,
  'pw.strength.checking': 'checking…',
  'pw.strength.level': (score: number) => `current level: ${score} of 4`,
  'pw.strength.ok': (score: number) => `Hard-to-guess password: level ${score} of 4.`,
  'pw.strength.weak': (score: number, min: number) =>
    `Easy-to-guess password: level ${score} of 4; at least ${min} is required. Use a phrase of several words that do not belong together.`,
  'pw.ruleMet': 'done',
  'pw.ruleUnmet': 'pending',
  'pw.error.required': 'Type your new password.',
  'pw.error.too-short': (n: number) => `The password is too short: use at least ${n} characters.`,
  'pw.error.too-long': (n: number) => `The password is too long: use at most ${n} characters.`,
  'pw.error.weak':
    'That password is easy to guess: it looks like common passwords, words, dates, keyboard runs or your own details. Use a phrase of three or four words that do not belong together.',
  'pw.error.blank': 'The password cannot be only spaces. Type letters, numbers or symbols.',
  'pw.error.ill-formed': (cp?: string) =>
    `The password has an incomplete character${at(cp)} that cannot be stored. Delete it and type that character or emoji again.`,
  'pw.error.control-character': (cp?: string) =>
    `The password has an invisible control character${at(cp)}, such as a tab or a line break. Remove it: type the password on one line.`,
  'pw.error.line-separator': (cp?: string) =>
    `The password has a line or paragraph separator${at(cp)}. Remove it: type the password on one line.`,
  'pw.error.format-character': (cp?: string) =>
    `The password has an invisible formatting character${at(cp)}, such as a zero-width space or a text-direction mark. Remove it: type the password instead of pasting it.`,
  'pw.error.unassigned-character': (cp?: string) =>
    `The password has a character Unicode does not define${at(cp)}. Replace it with another one.`,
  'pw.error.context': 'The password cannot contain your identification, your name or the word “iess”.',
  'pw.error.mismatch': 'The two passwords do not match.',
  'pw.error.confirmRequired': 'Type your new password again.',
  'pw.error.invalid': 'The password breaks the rules.',
  'pw.submit': 'CREATE',

  'final.title': 'Your password is ready',
  'final.generar': 'You created your affiliate password.',
  'final.recuperar': 'You recovered your affiliate password.',
  'final.next': 'You can now sign in to the IESS portal with your identification and your new password.',
  'final.submit': 'FINISH',

  'lock.title': 'Access temporarily locked',
  'lock.what': 'The details did not match several times, so for your safety we locked the procedure for this identification.',
  'lock.until': (when: string) => `You can try again from ${when}${when.endsWith('.') ? '' : '.'}`,
  'lock.unknownUntil': 'You can try again later.',
  'lock.next': 'If your details changed or you do not remember them, contact Citizen Service or visit an IESS office.',

  'expired.title': 'The link or the procedure expired',
  'expired.link': 'The activation link is no longer valid: it expired, was already used, or a newer one was requested.',
  'expired.flow': 'The time to complete the procedure is over.',
  'expired.next': 'Start the procedure again: we will send you a new link.',
  'expired.restart': 'Start again',
  'expired.title.link-expired': 'The link has expired',
  'expired.link-expired': 'The link in this e-mail no longer works: each link is valid for a few minutes only.',
  'expired.resendIntro': 'You do not have to start over: we can send another e-mail to the same address.',
  'expired.resend': 'Send a new e-mail',
  'expired.resent': (maskedEmail: string) => `We sent a new e-mail to ${maskedEmail}. Use its CLIC PARA CONTINUAR button.`,
  'expired.title.link-used': 'This link was already used',
  'expired.link-used':
    'Your password was already created with this link. Sign in to the IESS portal with your identification and your password.',
  'expired.signIn': 'Sign in to the IESS portal',
  'expired.notYou': 'If you did not create that password, contact Citizen Service (Atención al Ciudadano) at once.',
  'expired.title.link-replaced': 'This link was replaced',
  'expired.link-replaced':
    'A newer e-mail was requested and this link stopped working. Use the one in the latest «ACTIVACIÓN CLAVE» e-mail you received.',

  'error.title': 'We could not complete the operation',
  'error.network': 'There is no connection to the IESS. Check your internet connection.',
  'error.timeout': 'The IESS took too long to answer.',
  'error.bad-response': 'We received an unexpected answer from the IESS.',
  'error.server': 'Something went wrong in the IESS service.',
  'error.unavailable': 'The service is not available right now.',
  'error.rate-limited': 'Too many requests in a row.',
  'error.generic': 'Something went wrong.',
  'error.next': 'Wait a moment and try again. Your details were not lost.',
  'error.retryIn': (time: string) => `You can retry in ${time}.`,
  'error.retry': 'Retry',

  // Time limits' milestones (shell/timer-notices.ts).
  'timer.sent.120': '2 minutes left to use the e-mail link.',
  'timer.sent.60': '1 minute left to use the e-mail link. If you run out of time, ask for a new e-mail.',
  'timer.link.120': '2 minutes left to use this link.',
  'timer.link.60': '1 minute left to use this link: finish soon. If it expires, you can ask for a new one.',
  'timer.flow.120': '2 minutes left to complete the procedure.',
  'timer.flow.60': '1 minute left to complete the procedure.',
  'timer.flow.more': 'I need more time',
  // A problem the shell shows, kept here: it can only happen after BUSCAR (later strings).
  'shell.problem.extension-limit': 'The time of this procedure cannot be extended any more. If it runs out, you can start again.',
  'timer.lock.120': 'The lock ends in 2 minutes.',
  'timer.lock.60': 'The lock ends in 1 minute.',
  'timer.lock.0': 'The lock is over. You can start the procedure again.',
} as const;

/** " (U+200B)" after a refused character's name, when the widget knows which one. */
function at(codePoint?: string): string {
  return codePoint ? ` (${codePoint})` : '';
}
