/**
 * End-to-end harness: starts the BUILT reference server (`node bin/iess-clave.js serve --demo`)
 * on 127.0.0.1 with a fresh data directory, its built-in SMTP catcher and test mode, and drives
 * Debian's Chromium with playwright-core. Real parts only: HTTP, PGlite (or PostgreSQL when
 * TEST_DATABASE_URL is set), SMTP, browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { CaptchaChallengeResponse } from '../../widget/api/contract.ts';
import { solveAltcha } from '../../widget/captcha/altcha.ts';
import { DEMO_IDENTITIES } from '../../server/demo/identities.ts';
import { answerOf, FACT_QUESTIONS } from '../../server/domain/challenge.ts';
import type { RegistryRecord } from '../../server/registry/records.ts';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { launchEngine, testedEngines, type E2EBrowser, type E2EPage, type Engine } from './drivers/driver.ts';
import { steps } from '../../widget/i18n/es/steps.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  dataDir: string;
  /** The PostgreSQL database of this run (TEST_DATABASE_URL set), else undefined (PGlite in dataDir). */
  databaseUrl: string | undefined;
  env: Record<string, string>;
  output: () => string;
  /** Stops the process; with keepData the data (PGlite directory or PostgreSQL database) stays for a restart. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * On PostgreSQL each run gets its own database (created here, dropped on stop), so runs never
 * see each other's flows, attempts or locks.
 */
async function createTestDatabase(baseUrl: string): Promise<string> {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropTestDatabase(baseUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^e2e_[0-9a-f]{12}$/.test(name)) return;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the built server. `restartOf` starts it again on the same port and the same data (the
 * earlier one stopped with keepData), as after a crash or a deploy.
 */
export async function startServer(env: Record<string, string> = {}, options: { restartOf?: RunningServer } = {}): Promise<RunningServer> {
  const previous = options.restartOf;
  const dataDir = previous?.dataDir ?? mkdtempSync(join(tmpdir(), 'iess-e2e-'));
  const baseDatabaseUrl = process.env.TEST_DATABASE_URL;
  const databaseUrl = previous ? previous.databaseUrl : baseDatabaseUrl ? await createTestDatabase(baseDatabaseUrl) : undefined;
  const runEnv: Record<string, string> = {
    IESS_TEST_MODE: '1',
    SMTP_URL: '',
    ...(previous?.env ?? {}),
    ...env,
    PORT: previous ? String(previous.port) : '0',
    DATA_DIR: join(dataDir, 'pglite'),
    DATABASE_URL: databaseUrl ?? '',
  };
  // A fresh copy of the PGlite template (./pglite-template.ts) instead of a new database.
  const template = inject('pgliteTemplate');
  if (!previous && !databaseUrl && template) cpSync(template, runEnv.DATA_DIR!, { recursive: true });
  const child = spawn(process.execPath, [join(ROOT, 'bin/iess-clave.js'), 'serve', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, ...runEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: four end-to-end runs side by side on a loaded 2-core machine start servers at once.
    const timer = setTimeout(() => reject(new Error(`server did not start in 150 s:\n${out}`)), 150_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /iess-clave listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    process: child,
    dataDir,
    databaseUrl,
    env: runEnv,
    output: () => out,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (keepData) return;
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl && baseDatabaseUrl) await dropTestDatabase(baseDatabaseUrl, databaseUrl);
    },
  };
}

export interface CaughtMail {
  to: string[] | string;
  subject: string;
  text: string;
  html: string;
  date: string;
  links: string[];
}

/** Waits for the newest e-mail to `to` with the given subject in the development inbox. */
export async function waitForMail(server: RunningServer, predicate: (m: CaughtMail) => boolean, timeoutMs = 20_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${server.url}/dev/inbox/api`);
    if (res.ok) {
      const mails = (await res.json()) as CaughtMail[];
      const found = mails.find(predicate);
      if (found) return found;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no matching e-mail arrived in the development inbox');
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (set CHROME_PATH or apt-get install chromium)');
  return chromium.launch({ executablePath, headless: true });
}

export async function newContext(browser: Browser, width = 1280): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: 900 }, locale: 'es-EC' });
}

// ---------------------------------------------------------------------------------------------
// The procedure, step by step, as a person does it (getByLabel/getByRole pierce open shadow roots).
// ---------------------------------------------------------------------------------------------

/** The month names the widget's «Mes» shows (its Spanish table). */
export const MONTHS = steps['verif.months'].split(',');

export function demoPerson(id: string): RegistryRecord {
  const person = DEMO_IDENTITIES.find((p) => p.id === id);
  if (!person) throw new Error(`${id} is not a demo identity`);
  return person;
}

/**
 * The right option label of each generar multiple-choice question, by question text, from the
 * demo facts (the server asks the catalogue's questions about the same facts: server/domain/challenge.ts).
 */
export function rightChoices(person: RegistryRecord): Record<string, string> {
  const right: Record<string, string> = {};
  for (const q of FACT_QUESTIONS) {
    const v = q.kinds.includes(person.kind) ? answerOf(person.facts ?? {}, q) : undefined;
    if (v !== undefined) right[q.text] = v;
  }
  return right;
}

/**
 * Identificación: types the identification, ticks "No soy un robot", waits for the proof of work,
 * BUSCAR, and waits for the next heading (the lock's, for a locked identification).
 */
export async function search(page: E2EPage, person: RegistryRecord, { next = 'Verificación de datos' } = {}): Promise<void> {
  if (person.idType === 'extranjero') {
    await page.getByRole('radio', { name: 'Código de identificación para extranjeros' }).check();
    await page.getByRole('textbox', { name: 'Código de identificación para extranjeros' }).fill(person.id);
  } else {
    await page.getByLabel('Número de cédula').fill(`${person.id.slice(0, 9)}-${person.id.slice(9)}`);
  }
  await page.getByLabel('No soy un robot').check();
  await page.getByText('Verificado').first().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'BUSCAR' }).click();
  await page.getByRole('heading', { name: next }).waitFor();
}

/**
 * Verificación + ACEPTAR: birth day and month, then the questions shown — the person's own
 * security questions (recuperar, text) or the multiple-choice questions from institutional facts
 * (generar). `wrong` gives a wrong birth day (everything else right).
 */
export async function verify(page: E2EPage, person: RegistryRecord, { wrong = false } = {}): Promise<void> {
  const day = wrong ? (person.birthDay % 28) + 1 : person.birthDay;
  await page.getByLabel('Día').selectOption(String(day));
  await page.getByLabel('Mes').selectOption({ label: MONTHS[person.birthMonth - 1]! });
  for (const question of DEFAULT_QUESTION_BANK) {
    const field = page.getByLabel(question.text, { exact: true });
    if ((await field.count()) > 0) await field.fill(person.securityAnswers?.[question.id] ?? 'no la sé');
  }
  for (const [question, label] of Object.entries(rightChoices(person))) {
    const group = page.getByRole('group', { name: question });
    if ((await group.count()) > 0) await group.getByRole('radio', { name: label, exact: true }).check();
  }
  await page.getByRole('button', { name: 'CONTINUAR' }).click();
  await page.getByRole('button', { name: 'ACEPTAR' }).click();
}

/** Preguntas de seguridad (generar): answers the given bank questions by id. */
export async function answerSecurityQuestions(page: E2EPage, answers: Record<string, string>): Promise<void> {
  await page.getByRole('heading', { name: 'Preguntas de seguridad' }).waitFor();
  for (const [id, answer] of Object.entries(answers)) {
    const question = DEFAULT_QUESTION_BANK.find((q) => q.id === id)!;
    await page.getByLabel(question.text, { exact: true }).fill(answer);
  }
  await page.getByRole('button', { name: 'CONTINUAR' }).click();
}

/** Correo: the address on record (shown masked), or a new one typed twice; CONTINUAR, ACEPTAR. */
export async function chooseEmail(page: E2EPage, newEmail?: string): Promise<void> {
  await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
  if (newEmail) {
    await page.getByLabel('Correo electrónico', { exact: true }).fill(newEmail);
    await page.getByLabel('Confirme su correo electrónico').fill(newEmail);
  }
  await page.getByRole('button', { name: 'CONTINUAR' }).click();
  await page.getByRole('button', { name: 'ACEPTAR' }).click();
  await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();
}

/**
 * Every activation link e-mailed to `to` so far. Taken before a step that sends one and passed to
 * activationLink() as `seen`, it keeps an earlier test's link (same person, same server) from being
 * taken for the new one while the new e-mail is still on its way, as happens on a loaded machine.
 */
export async function activationLinksSoFar(server: RunningServer, to: string): Promise<string[]> {
  const res = await fetch(`${server.url}/dev/inbox/api`);
  if (!res.ok) throw new Error(`the development inbox answered ${res.status}`);
  const mails = (await res.json()) as CaughtMail[];
  return mails
    .filter((m) => String(m.to).includes(to) && m.subject === 'ACTIVACIÓN CLAVE')
    .flatMap((m) => m.links.filter((l) => l.includes('#token=')));
}

/** The CLIC PARA CONTINUAR link of the newest "ACTIVACIÓN CLAVE" e-mail to `to` not in `seen`. */
export async function activationLink(server: RunningServer, to: string, seen: readonly string[] = []): Promise<string> {
  const mail = await waitForMail(
    server,
    (m) => String(m.to).includes(to) && m.subject === 'ACTIVACIÓN CLAVE' && !m.links.some((l) => seen.includes(l)),
  );
  const link = mail.links.find((l) => l.includes('#token='));
  if (!link) throw new Error('the activation e-mail has no link with a token');
  return link;
}

/** Activación + Nueva clave on the page the link opened: declaration, the password twice, GENERAR. */
export async function activate(page: E2EPage, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Nueva clave' }).waitFor();
  await page.getByLabel('Declaro que toda la información registrada es fidedigna').check();
  await page.getByLabel('Nueva clave', { exact: true }).fill(password);
  await page.getByLabel('Confirme la nueva clave').fill(password);
  await page.getByRole('button', { name: 'GENERAR' }).click();
}

/**
 * The reference sign-in: the HTTP status (201 signed in, 401 refused). When the server asks for
 * a proof of work (428 captcha-required: the identification was tried from many places), it
 * solves one with the widget's solver and signs in again, as a portal would.
 */
export async function signIn(server: RunningServer, person: RegistryRecord, password: string): Promise<number> {
  const send = (captcha?: string) =>
    fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idType: person.idType, id: person.id, password, captcha }),
    });
  const res = await send();
  if (res.status !== 428) return res.status;
  const { challenge } = CaptchaChallengeResponse.parse(await (await fetch(`${server.url}/v1/captcha/challenge`)).json());
  return (await send((await solveAltcha(challenge)).payload)).status;
}

/** The API without a browser: solves the server's ALTCHA with the widget's own solver, then BUSCAR. */
export async function startFlowByApi(
  server: RunningServer,
  person: RegistryRecord,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { challenge } = CaptchaChallengeResponse.parse(await (await fetch(`${server.url}/v1/captcha/challenge`)).json());
  const { payload } = await solveAltcha(challenge);
  const res = await fetch(`${server.url}/v1/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idType: person.idType, id: person.id, captcha: payload }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** All visible text of the page, shadow roots included (for failure messages). */
export async function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Node) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) {
          const text = node.textContent?.trim();
          if (text) parts.push(text);
        } else if (node instanceof Element) {
          if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') continue;
          if (node.shadowRoot) walk(node.shadowRoot);
          walk(node);
        }
      }
    };
    walk(document.body);
    return parts.join(' | ');
  });
}

// ---------------------------------------------------------------------------------------------
// Keyboard only: where the focus is, and Tab until it is where the person wants to be.
// ---------------------------------------------------------------------------------------------

export interface FocusedElement {
  tag: string;
  type: string;
  role: string;
  /** The accessible name as a person reads it: the label, aria-label(ledby) or the text. */
  name: string;
  value: string;
  checked: boolean;
}

/** The element that has the focus, looking through open shadow roots. */
export async function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const root = el.getRootNode() as Document | ShadowRoot;
    const text = (n: Element | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();
    let name = el.getAttribute('aria-label') ?? '';
    const labelledBy = el.getAttribute('aria-labelledby');
    if (!name && labelledBy)
      name = labelledBy
        .split(/\s+/)
        .map((id) => text(root.getElementById(id)))
        .join(' ');
    const labels = (el as HTMLInputElement).labels;
    if (!name && labels?.length) name = text(labels[0]);
    if (!name) name = text(el);
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      role: el.getAttribute('role') ?? '',
      name,
      value: (el as HTMLInputElement).value ?? '',
      checked: Boolean((el as HTMLInputElement).checked),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
export async function tabTo(
  page: Page,
  matches: (f: FocusedElement) => boolean,
  { max = 60, backwards = false } = {},
): Promise<FocusedElement> {
  const seen: string[] = [];
  for (let i = 0; i <= max; i++) {
    const f = await focused(page);
    if (f && matches(f)) return f;
    seen.push(f ? `${f.tag}${f.type ? `[${f.type}]` : ''} «${f.name.slice(0, 40)}»` : '(nothing)');
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached the element; the focus went through:\n  ${seen.join('\n  ')}`);
}

/** Tab to the control whose label starts with `name` (exact when exact). */
export const byName =
  (name: string, { exact = false, tag }: { exact?: boolean; tag?: string } = {}) =>
  (f: FocusedElement): boolean =>
    (exact ? f.name === name : f.name.startsWith(name)) && (tag === undefined || f.tag === tag);

/**
 * The usual file setup: one server (fresh data) and one browser, started before the file's tests
 * and stopped after them; `use` receives both once they run.
 */
export function withServerAndBrowser(use: (server: RunningServer, browser: Browser) => void, env: Record<string, string> = {}): void {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
    use(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/**
 * A scenario in every tested engine (TEST_ENGINES, else Chromium, Firefox and WebKit): one
 * describe per engine, named "<title> [<engine>]" (npm test counts per engine by that name),
 * each with its own server (fresh data: the scenarios change demo people's passwords and locks)
 * and its own browser (in Firefox, its own session and contexts on the run's one Firefox:
 * ./firefox-shared.ts). The tests inside read both through `current()` once they run.
 */
export function describeInEngines(
  title: string,
  body: (current: () => { server: RunningServer; browser: E2EBrowser; engine: Engine }) => void,
  env: Record<string, string> = {},
): void {
  for (const engine of testedEngines()) {
    describe(`${title} [${engine}]`, () => {
      let server: RunningServer | undefined;
      let browser: E2EBrowser | undefined;
      beforeAll(async () => {
        // Side by side; whichever started is stopped after, even when the other failed.
        await Promise.all([
          startServer(env).then((s) => (server = s)),
          launchEngine(engine, { firefoxShared: inject('firefoxEndpoint') }).then((b) => (browser = b)),
        ]);
      });
      afterAll(async () => {
        await browser?.close();
        await server?.stop();
      });
      body(() => {
        if (!server || !browser) throw new Error(`the server or ${engine} did not start`);
        return { server, browser, engine };
      });
    });
  }
}
