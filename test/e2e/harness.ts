/**
 * End-to-end harness: starts the BUILT reference server (`node bin/iess-clave.js serve --demo`)
 * on 127.0.0.1 with a fresh data directory, its built-in SMTP catcher and test mode, and drives
 * Debian's Chromium with playwright-core. Real parts only: HTTP, PGlite (or PostgreSQL when
 * TEST_DATABASE_URL is set), SMTP, browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
// @ts-expect-error -- plain .mjs helper without types
import { findChromium } from '../../scripts/find-chromium.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface RunningServer {
  url: string;
  process: ChildProcess;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iess-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/iess-clave.js'), 'serve', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', IESS_TEST_MODE: '1', DATA_DIR: join(dataDir, 'pglite'), SMTP_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
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
    process: child,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
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
