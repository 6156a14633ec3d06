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
  // Parsed once on arrival: the inbox is polled (e2e tests, the benchmark).
  const caught: Array<Promise<CaughtMail>> = [];
  const parse = async (raw: Buffer, to: string[], date: string): Promise<CaughtMail> => {
    const p = await PostalMime.parse(raw);
    const html = p.html ?? '';
    const text = p.text ?? '';
    const links = [...new Set([...html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!.replace(/&#38;|&amp;/g, '&')))];
    return { to: to.join(', '), subject: p.subject ?? '', text, html, date, links };
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = parse(
          Buffer.concat(chunks),
          session.envelope.rcptTo.map((r) => r.address),
          new Date().toISOString(),
        );
        mail.catch(() => {});
        caught.push(mail);
        if (caught.length > maxMessages) caught.shift();
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
      const all = await Promise.allSettled(caught);
      return all.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])).reverse();
    },
    clear: () => void caught.splice(0),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
