/**
 * The durable outbox: mail is written in the same transaction as the state change and sent by a
 * worker with retries, so an SMTP outage delays mail but never loses it (SS-25).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../ports.ts';
import type { Logger } from '../log.ts';
import type { MailContent } from './templates.ts';

export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string; html: string }): Promise<void>;
  verify(): Promise<boolean>;
  close(): void;
}

export async function enqueueMail(db: Db, clock: Clock, to: string, kind: string, content: MailContent): Promise<void> {
  const now = clock.now();
  await sql`INSERT INTO outbox (recipient, subject, body_text, body_html, kind, created_at, next_attempt_at)
            VALUES (${to}, ${content.subject}, ${content.text}, ${content.html}, ${kind}, ${now}, ${now})`.execute(db);
}

interface OutboxRow {
  id: number;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string;
  attempts: number;
}

/** Told of each send's outcome (metrics). */
export interface OutboxObserver {
  sent(): void;
  retry(): void;
}

/** Rows claimed per statement. */
const BATCH = 20;
const backoffMs = (attempts: number) => Math.min(5 * 60_000, 1000 * 2 ** Math.min(attempts, 10));

export class OutboxWorker {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly from: string,
    private readonly log: Logger,
    private readonly pollMs: number,
    private readonly observer?: OutboxObserver,
  ) {}

  start(): void {
    const tick = () => {
      this.drain()
        .catch(() => {})
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, this.pollMs).unref();
        });
    };
    this.#timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => 0);
  }

  #queued: Promise<number> | undefined;

  /**
   * Sends everything due now; returns how many were sent. Passes run one at a time; a call made
   * while a pass runs gets a fresh pass after it (so a row committed meanwhile is not missed).
   */
  drain(): Promise<number> {
    if (this.#queued) return this.#queued;
    const previous = this.#running ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(() => {
        this.#queued = undefined;
        return this.#drain();
      });
    this.#queued = next;
    // The tracked pass never rejects (its caller gets the error from `next`): a pass that failed
    // with the database down must not surface as an unhandled rejection.
    this.#running = next
      .catch(() => 0)
      .finally(() => {
        if (this.#running === tracked) this.#running = undefined;
      });
    const tracked = this.#running;
    return next;
  }

  async #drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      // Claim a batch; SKIP LOCKED and claimed_until keep two replicas from sending one mail twice.
      const { rows } = await sql<OutboxRow>`
        UPDATE outbox SET claimed_until = ${new Date(now.getTime() + 60_000)}
        WHERE id IN (SELECT id FROM outbox
                     WHERE sent_at IS NULL AND next_attempt_at <= ${now}
                       AND (claimed_until IS NULL OR claimed_until <= ${now})
                     ORDER BY id LIMIT ${sql.lit(BATCH)} FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, subject, body_text, body_html, attempts`.execute(this.db);
      if (rows.length === 0) return sent;
      // The batch goes out together over the pooled connections; each row succeeds or is rescheduled.
      const results = await Promise.all(rows.map((row) => this.#sendOne(row)));
      sent += results.filter(Boolean).length;
      if (results.includes(false)) return sent; // the server is probably down: stop this round, retry later
      // A short batch was all that was due: no second claim to learn that nothing is left (one
      // statement less per mail, issue 15). A row committed meanwhile has its own kick, and drain()
      // runs a fresh pass after this one for it.
      if (rows.length < BATCH) return sent;
    }
  }

  async #sendOne(row: OutboxRow): Promise<boolean> {
    try {
      await this.transport.send({ from: this.from, to: row.recipient, subject: row.subject, text: row.body_text, html: row.body_html });
      await sql`UPDATE outbox SET sent_at = ${this.clock.now()}, attempts = attempts + 1, claimed_until = NULL WHERE id = ${row.id}`.execute(
        this.db,
      );
      this.log.info({ event: 'mail_sent', outboxId: row.id }, 'correo enviado');
      this.observer?.sent();
      return true;
    } catch (err) {
      const next = new Date(this.clock.now().getTime() + backoffMs(row.attempts));
      await sql`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${next}, claimed_until = NULL,
                last_error = ${String((err as Error).message).slice(0, 200)} WHERE id = ${row.id}`.execute(this.db);
      this.log.warn({ event: 'mail_retry', outboxId: row.id, attempts: row.attempts + 1 }, 'envío de correo fallido; se reintentará');
      this.observer?.retry();
      return false;
    }
  }
}
