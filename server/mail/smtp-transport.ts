/** nodemailer over SMTP to SMTP_URL (or the built-in catcher). */
import nodemailer from 'nodemailer';
import type { MailTransport } from './outbox.ts';

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const t = nodemailer.createTransport(smtpUrl, { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10_000 } as never);
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
