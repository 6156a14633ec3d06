/**
 * The command line as operators run it: server/cli.ts bundled with esbuild the way
 * scripts/build-server.mjs does (once per test process), run as a child process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let built: Promise<string> | undefined;

/** The bundled CLI's path (built on first use). */
export function cliPath(): Promise<string> {
  built ??= (async () => {
    const dir = `${root}node_modules/.cache/iess-clave-test`;
    mkdirSync(dir, { recursive: true });
    const out = `${dir}/cli-${process.pid}.js`;
    await build({
      entryPoints: [`${root}server/cli.ts`],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      logLevel: 'silent',
    });
    return out;
  })();
  return built;
}

/** An environment with nothing of the machine's iess-clave configuration in it. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' };
  return { ...base, ...env };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
}

/** Runs the CLI to its end (killed after killAfterMs, reported as code null). */
export async function runCli(args: string[], env: Record<string, string>, killAfterMs = 120_000): Promise<CliRun> {
  const cli = await cliPath();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], { env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearTimeout(timer);
  return { code, stdout, stderr, ms: Math.round(performance.now() - started) };
}

export interface CliServer {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output(): string;
  /** Resolves when stdout+stderr match (90 s deadline: CLI processes start slowly on a loaded machine). */
  waitFor(re: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `serve` and resolves once it prints its listening line. */
export async function startCliServer(args: string[], env: Record<string, string>): Promise<CliServer> {
  const cli = await cliPath();
  const child = spawn(process.execPath, [cli, ...args], { env: cleanEnv({ PORT: '0', ...env }) });
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (c: Buffer) => {
    out += c;
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; output:\n${out}`)), 90_000);
      const check = () => {
        if (re.test(out)) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      void exited.then(() => {
        if (!re.test(out)) {
          clearTimeout(timer);
          reject(new Error(`exited before ${re}; output:\n${out}`));
        }
      });
      check();
    });
  await waitFor(/iess-clave listening on http:\/\/[\d.]+:\d+/);
  const url = /iess-clave listening on (http:\/\/[\d.]+:\d+)/.exec(out)![1]!;
  return { child, url, output: () => out, waitFor, exited };
}
