/**
 * Starts a real server on 127.0.0.1:0 for a test: fresh PGlite copy (or TEST_DATABASE_URL),
 * the real SMTP catcher, a fake clock, and a small HTTP client that speaks the contract.
 */
import pg from 'pg';
import { testConfig, type ServerConfig } from '../../../server/config.ts';
import { createAltchaChallenge, solveAltcha } from '../../../server/captcha/altcha.ts';
import { createArgon2Hasher, type Hasher } from '../../../server/crypto/hasher.ts';
import { openDatabase, type OpenedDatabase } from '../../../server/db/database.ts';
import { FakeClock } from '../../../server/ports.ts';
import { DEMO_IDENTITIES } from '../../../server/demo/identities.ts';
import { upsertRecord, type RegistryRecord } from '../../../server/registry/records.ts';
import { insertPopulation, syntheticRegistry, TEST_POPULATION } from '../../../server/registry/synthetic.ts';
import { startServer, type RunningServer, type ServerOverrides } from '../../../server/server.ts';
import type { CaughtMail } from '../../../server/mail/smtp-catcher.ts';
import { freshPGlite } from './pglite-template.ts';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  clock: FakeClock;
  server: RunningServer;
  config: ServerConfig;
  database: OpenedDatabase;
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  captcha(): Promise<string>;
  /** Sends what the outbox holds and returns the caught mail, newest first. */
  mail(): Promise<CaughtMail[]>;
  seed(records?: readonly RegistryRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** A database for a test: a PGlite copy, or a fresh schema on TEST_DATABASE_URL. */
export async function testDatabase(): Promise<OpenedDatabase & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return freshPGlite();
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
  return {
    ...db,
    url: u.toString(),
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

let sharedHasher: Hasher | undefined;
let population: RegistryRecord[] | undefined;
/** The synthetic registry every test server holds beside the demo identities (made once per process). */
export const testPopulation = () => (population ??= syntheticRegistry(TEST_POPULATION));

export async function startTestServer(
  opts: { config?: Partial<ServerConfig>; overrides?: ServerOverrides; database?: OpenedDatabase; seed?: boolean } = {},
): Promise<TestServer> {
  const clock = (opts.overrides?.clock as FakeClock | undefined) ?? new FakeClock();
  const config = testConfig({ smtpUrl: undefined, ...opts.config });
  const database = opts.database ?? (await testDatabase());
  sharedHasher ??= createArgon2Hasher(2);
  const server = await startServer(config, { clock, hasher: sharedHasher, outboxTimer: false, ...opts.overrides, database });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: leave the text */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const t: TestServer = {
    url: server.url,
    clock,
    server,
    config,
    database,
    call,
    /** A solved proof minted with the server's key, without spending the challenge route's rate limit. */
    async captcha() {
      const c = createAltchaChallenge({
        hmacKey: config.secret,
        maxNumber: config.captcha.altchaMaxNumber,
        lifetimeSeconds: config.captcha.altchaLifetimeSeconds,
        clock,
      });
      return solveAltcha(c);
    },
    async mail() {
      await server.outbox.drain();
      return server.catcher ? server.catcher.messages() : [];
    },
    async seed(records = DEMO_IDENTITIES) {
      for (const r of records) await upsertRecord(database.db, server.deps.hasher, r, clock.now());
      // Challenges draw their options from the registry's answers: a realistic registry behind them.
      await insertPopulation(database.db, server.deps.hasher, testPopulation(), clock.now());
    },
    async close() {
      await server.close();
      if (!opts.database) await database.close();
    },
  };
  if (opts.seed !== false) await t.seed();
  return t;
}

export { createAltchaChallenge, solveAltcha };

/** The token in an activation mail's link. */
export function tokenFromMail(m: CaughtMail): string {
  const link = m.links.find((l) => l.includes('#token='));
  if (!link) throw new Error('no activation link in the mail');
  return decodeURIComponent(link.slice(link.indexOf('#token=') + 7));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
