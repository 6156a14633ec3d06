/** English strings of the shell. */
export const shell = {
  'shell.title': 'Create / Recover your affiliate password',
  'shell.progress': (index: number, total: number | null) => `Step ${index}${total ? ` of ${total}` : ''}`,
  'shell.loading': 'Loading…',
  'shell.announce.step': (index: number, total: number | null, title: string) => `Step ${index}${total ? ` of ${total}` : ''}: ${title}`,
  'shell.step.identification': 'Identification',
  'shell.step.verification': 'Verify your details',
  'shell.step.security-questions': 'Security questions',
  'shell.step.email': 'E-mail',
  'shell.step.activation-sent': 'E-mail sent',
  'shell.step.declaration': 'Declaration',
  'shell.step.new-password': 'New password',
  'shell.cancel': 'Cancel',
  'timer.flow.extended': (minutes: number) => `Done: you have ${minutes} more minutes to complete the procedure.`,
  'shell.link.remaining': (time: string) => `The e-mail link expires in ${time}.`,
  'shell.problem.network': 'No connection to the IESS. Check your internet connection and try again; what you typed is still in the form.',
  'shell.problem.timeout': 'The IESS took too long to answer. Try again in a moment; what you typed is still in the form.',
  'shell.problem.bad-response':
    'We received an unexpected answer from the IESS. Try again in a moment; what you typed is still in the form.',
  'shell.problem.server': 'The IESS service had a problem. Try again in a few minutes.',
  'shell.problem.unavailable':
    'The IESS service is not available right now. Try again in a few seconds; what you typed is still in the form.',
  'shell.problem.rate-limited': (minutes?: number) =>
    minutes
      ? `Too many attempts in a row. For security, you can try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}; until then the button stays disabled.`
      : 'Too many attempts in a row. Wait a moment and try again.',
  'shell.problem.rate-limited-over': 'You can try again now.',
  'shell.problem.captcha-failed': 'We could not check "I am not a robot". Tick it again and press SEARCH.',
  'shell.problem.captcha-required': 'Tick "I am not a robot" before pressing SEARCH.',
  'shell.problem.validation': 'Some data is not in the right format. Check it and try again.',
  'shell.problem.verification-failed': (left: number) =>
    left === 1
      ? 'The data do not match our records. You have 1 attempt left: if it fails, the procedure will be locked.'
      : `The data do not match our records. You have ${left} attempts left.`,
  'shell.problem.attempts-spent': 'You have no attempts left. Nothing more will be sent.',
  'shell.problem.password-rejected': 'The new password breaks the rules. Check the marked items.',
  'shell.problem.email-limit': 'You already registered a new e-mail in the last 24 hours. Use that address or try tomorrow.',
  'shell.problem.in-person-required':
    'For your security, a new e-mail is registered in person: go to an IESS office with your identity document.',
  'shell.problem.sequence': 'The procedure moved on in another window. Start again to continue.',
  'shell.problem.idempotency-conflict': 'The request was repeated with different data. Try again.',
  'shell.problem.generic': 'We could not complete the request. Try again.',
  'shell.locked.title': 'Procedure temporarily locked',
  'shell.expired.title': 'Time is up',
  'shell.expired.link-expired': 'The link has expired',
  'shell.expired.link-used': 'The link was already used: your password is set',
  'shell.expired.link-replaced': 'The link was replaced by a newer one',
  'shell.error.title': 'We could not continue',
  'shell.inPerson.title': 'Register your e-mail at an IESS office',
  'shell.done.title': 'Password ready',
  'shell.config.title': 'This component is misconfigured',
  'shell.config.intro': 'Whoever installed this form on the page must fix the following:',
  'shell.config.api': 'No service: set the api-base attribute (the https URL of the service) or assign the .api property.',
  'shell.config.field': (field: string) => `"${field}" is not valid.`,
  'shell.config.url': 'It must be an https URL (http only for localhost).',
  'shell.config.lang': 'Use "es" or "en".',
  'shell.config.messages': 'It must be an object of texts: { "key": "text" }.',
} as const;
