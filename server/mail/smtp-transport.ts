/** nodemailer over SMTP to SMTP_URL (or the built-in catcher). */
import nodemailer from 'nodemailer';
import type { MailTransport } from './outbox.ts';

/** Pooled connections and short timeouts unless SMTP_URL's query says otherwise (nodemailer reads it). */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  const defaults = { pool: 'true', maxConnections: '4', connectionTimeout: '5000', greetingTimeout: '5000', socketTimeout: '10000' };
  for (const [k, v] of Object.entries(defaults)) if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  const t = nodemailer.createTransport(url.toString());
  return {
    async send(m) {
      await t.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    async verify() {
      try {
        await t.verify();
        return true;
      } catch {
        return false;
      }
    },
    close: () => t.close(),
  };
}
