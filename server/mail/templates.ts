/**
 * The e-mails. Subject "ACTIVACIÓN CLAVE" is fixed (SS-16); the only link is the activation link
 * built from configuration (SS-13), never from request headers. No secrets besides that link.
 * The contact channels come from widget/domain/contact.ts, the same module the widget's screens
 * read (test/unit/contact-source.test.ts compares them).
 */
import { CONTACT, endSentence } from '../../widget/domain/contact.ts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Atención al Ciudadano's channels, as plain text. */
const CHANNELS_TEXT = `${CONTACT.office} del IESS: ${CONTACT.email} o ${CONTACT.phoneDisplay}`;
/** The same in HTML: text, not links (the activation link stays the mail's only link, SS-13). */
const CHANNELS_HTML = escapeHtml(CHANNELS_TEXT);

const frame = (title: string, body: string) => `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;background:#f4f6f8;margin:0;padding:24px">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p style="font-size:20px;font-weight:bold;color:#0b3d6e;margin:0 0 16px">Instituto Ecuatoriano de Seguridad Social</p>
${body}
<p style="font-size:12px;color:#555;margin-top:24px">Este es un mensaje automático; no responda a este correo. Si usted no realizó esta solicitud, ignore este mensaje o comuníquese con ${CHANNELS_HTML}.</p>
</td></tr></table></body></html>`;

/**
 * A link's lifetime in words, exactly: "3 minutos", "1 minuto", "1 minuto y 30 segundos",
 * "25 segundos" (never "1 minutos", never a 25-second link called a minute). English for the
 * same rule, for any template that needs it.
 */
export function durationWords(seconds: number, lang: 'es' | 'en' = 'es'): string {
  const total = Math.max(1, Math.round(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const unit = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const min = lang === 'es' ? unit(m, 'minuto', 'minutos') : unit(m, 'minute', 'minutes');
  const sec = lang === 'es' ? unit(s, 'segundo', 'segundos') : unit(s, 'second', 'seconds');
  if (m === 0) return sec;
  if (s === 0) return min;
  return `${min} ${lang === 'es' ? 'y' : 'and'} ${sec}`;
}

export function activationMail(link: string, lifetimeSeconds: number): MailContent {
  const within = durationWords(lifetimeSeconds);
  const subject = 'ACTIVACIÓN CLAVE';
  const text = [
    'Instituto Ecuatoriano de Seguridad Social',
    '',
    'Recibimos una solicitud para generar o recuperar su clave de afiliado.',
    `Para continuar, abra el siguiente enlace en los próximos ${within} (CLIC PARA CONTINUAR):`,
    '',
    link,
    '',
    'El enlace sirve una sola vez. Si pide un nuevo correo, este enlace dejará de funcionar.',
    `Si usted no realizó esta solicitud, ignore este mensaje o comuníquese con ${CHANNELS_TEXT}.`,
  ].join('\n');
  const html = frame(
    subject,
    `<p>Recibimos una solicitud para generar o recuperar su clave de afiliado.</p>
<p>Para continuar, pulse el botón en los próximos <strong>${within}</strong>.</p>
<p style="text-align:center;margin:28px 0"><a href="${escapeHtml(link)}" style="background:#0b3d6e;color:#fff;text-decoration:none;padding:14px 28px;border-radius:6px;font-weight:bold;display:inline-block">CLIC PARA CONTINUAR</a></p>
<p style="font-size:13px">El enlace sirve una sola vez. Si pide un nuevo correo, este enlace dejará de funcionar.</p>`,
  );
  return { subject, text, html };
}

/** One formatter for every CLAVE CAMBIADA mail: toLocaleString with options builds a new one per call (0.4 ms of each completion's CPU). */
const ECUADOR_TIME = new Intl.DateTimeFormat('es-EC', { timeZone: 'America/Guayaquil', dateStyle: 'long', timeStyle: 'short' });

export function passwordChangedMail(when: Date): MailContent {
  const stamp = ECUADOR_TIME.format(when);
  const subject = 'CLAVE CAMBIADA';
  // "11:49 a. m." ends with a period already: the sentence gets no second one.
  const text = `Instituto Ecuatoriano de Seguridad Social\n\nSu clave de afiliado fue cambiada el ${endSentence(stamp)}\nSi no fue usted, comuníquese de inmediato con ${CHANNELS_TEXT}, o acérquese a una agencia del IESS.`;
  const html = frame(
    subject,
    `<p>Su clave de afiliado fue cambiada el <strong>${escapeHtml(stamp)}</strong>${stamp.endsWith('.') ? '' : '.'}</p><p>Si no fue usted, comuníquese de inmediato con ${CHANNELS_HTML}, o acérquese a una agencia del IESS.</p>`,
  );
  return { subject, text, html };
}

export function addressChangedMail(newMasked: string): MailContent {
  const subject = 'CAMBIO DE CORREO ELECTRÓNICO';
  const text = `Instituto Ecuatoriano de Seguridad Social\n\nEl correo electrónico registrado para su clave de afiliado cambió a ${newMasked}.\nSi no fue usted, comuníquese de inmediato con ${CHANNELS_TEXT}.`;
  const html = frame(
    subject,
    `<p>El correo electrónico registrado para su clave de afiliado cambió a <strong>${escapeHtml(newMasked)}</strong>.</p><p>Si no fue usted, comuníquese de inmediato con ${CHANNELS_HTML}.</p>`,
  );
  return { subject, text, html };
}
