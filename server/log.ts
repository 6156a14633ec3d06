/**
 * pino logs that never carry a cédula, birth date, answer, e-mail, token or password (SS-27,
 * DP-04). Call sites log only event names, ids and counts; redaction is the safety net for
 * anything that slips in under a known field name.
 */
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const SENSITIVE = [
  'id',
  'identification',
  'cedula',
  'password',
  'passwordConfirmation',
  'token',
  'flowToken',
  'sessionToken',
  'email',
  'to',
  'recipient',
  'answer',
  'answers',
  'birthDay',
  'birthMonth',
  'captcha',
  'authorization',
  'body',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [...SENSITIVE, ...SENSITIVE.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redactado]',
      },
    },
    destination,
  );
}
