/**
 * Development mail catcher: an SMTP server on 127.0.0.1 that keeps every message in memory, so
 * the e-mailed link can be clicked on one machine (/dev/inbox). Used when SMTP_URL is unset.
 */
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  date: string;
  links: string[];
}

export interface SmtpCatcher {
  url: string;
  port: number;
  messages(): Promise<CaughtMail[]>;
  clear(): void;
  close(): Promise<void>;
}

export async function startSmtpCatcher(port = 0, maxMessages = 200): Promise<SmtpCatcher> {
  const raws: Array<{ raw: Buffer; to: string[]; date: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        raws.push({ raw: Buffer.concat(chunks), to: session.envelope.rcptTo.map((r) => r.address), date: new Date().toISOString() });
        if (raws.length > maxMessages) raws.shift();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    async messages() {
      const parsed = await Promise.all(
        raws.map(async (m) => {
          const p = await PostalMime.parse(m.raw);
          const html = p.html ?? '';
          const text = p.text ?? '';
          const links = [...new Set([...html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!.replace(/&#38;|&amp;/g, '&')))];
          return { to: m.to.join(', '), subject: p.subject ?? '', text, html, date: m.date, links };
        }),
      );
      return parsed.reverse();
    },
    clear: () => void raws.splice(0),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
