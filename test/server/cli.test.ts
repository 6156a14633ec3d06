/**
 * The command line as an operator meets it (issue 11): strict options (an unknown flag is refused),
 * --help and --version without any configuration, `migrate` and `import` needing only the storage,
 * visible warnings in test and demo mode, and every bad value — including those found only when
 * starting (port in use, unreachable database or Redis, a DATA_DIR that cannot be created, a
 * missing questions file) — as one Spanish line naming the variable with an example, exit code 2,
 * fast. Issue 9 §8: IESS_DEMO no longer starts a plain `serve` with the public demo secret.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCliServer, type CliRun } from './helpers/cli.ts';
import { freshPGlite } from './helpers/pglite-template.ts';

const pkg = JSON.parse(readFileSync(new URL('../../widget/package.json', import.meta.url), 'utf8')) as { version: string };
let dataDir: string;
beforeAll(async () => {
  const db = await freshPGlite();
  dataDir = db.dir;
  await db.closeKeepingFiles();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Exit 2 with exactly one problem line, for this variable, with an example; and how long it took. */
function expectConfigRefusal(r: CliRun, variable: string, why: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('  - '));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^  - ${variable}[=:]`));
  expect(lines[0]).toMatch(why);
  expect(lines[0]).toContain(`Ejemplo: ${variable}=`);
  expect(r.stderr).not.toMatch(/\n\s+at |Error: /); // no stack trace, no raw Node error
  console.log(`${variable}: exit 2 after ${r.ms} ms — ${lines[0]!.slice(4, 150)}`);
  expect(r.ms).toBeLessThan(10_000); // the bound asked for is 5 s; double it for a loaded machine
}

describe('usage', { timeout: 240_000 }, () => {
  it('--version and --help answer without any configuration', async () => {
    const v = await runCli(['--version'], {});
    expect(v).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const h = await runCli(['--help'], {});
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Uso: iess-clave <orden>/);
    expect(h.stdout).toContain('--demo');
    expect((await runCli(['serve', '--help'], {})).code).toBe(0);
  });

  it('an unknown flag, a missing or unknown command, or a stray argument is refused with exit 2', async () => {
    const typo = await runCli(['serve', '--dmeo'], { IESS_TEST_MODE: '1', DATA_DIR: dataDir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^Opción desconocida: --dmeo\nVea: iess-clave --help/);
    expect(typo.stdout).not.toContain('listening');
    expect((await runCli([], {})).stderr).toMatch(/Falta la orden/);
    expect((await runCli(['arrancar'], {})).code).toBe(2);
    expect((await runCli(['migrate', 'extra'], { DATA_DIR: dataDir })).code).toBe(2);
    expect((await runCli(['migrate', '--demo'], { DATA_DIR: dataDir })).stderr).toMatch(/--demo solo vale para serve/);
    expect((await runCli(['import'], { DATA_DIR: dataDir })).code).toBe(2);
  });

  it('migrate and import need only the storage: no SECRET, no SMTP_URL, other variables ignored', async () => {
    const r = await runCli(['migrate'], { DATA_DIR: dataDir, PORT: 'abc', LOG_LEVEL: 'verbose' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('al día');
    expect(r.stderr).toBe('');
    const i = await runCli(['import', new URL('../fixtures/registry/afiliados.json', import.meta.url).pathname], { DATA_DIR: dataDir });
    expect(i.stdout).toContain('Importados: 2.');
  });

  it('test mode and demo mode print a visible warning', async () => {
    const r = await runCli(['migrate'], { IESS_TEST_MODE: '1', DATA_DIR: dataDir });
    expect(r.stderr).toMatch(/ATENCIÓN: IESS_TEST_MODE=1 \(modo de prueba\)[\s\S]*nunca en producción/);
    const demo = await startCliServer(['serve', '--demo'], { DATA_DIR: dataDir });
    demo.child.kill('SIGTERM');
    await demo.exited;
    expect(demo.output()).toMatch(/ATENCIÓN: modo de demostración \(serve --demo\)[\s\S]*Nunca en producción/);
  });

  it('issue 9 §8: IESS_DEMO=1 does not start a plain serve with the demo secret and /dev/inbox', async () => {
    const r = await runCli(['serve'], { IESS_DEMO: '1', DATA_DIR: dataDir, PORT: '0' });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('listening');
    expect(r.stderr).toMatch(/SECRET: obligatoria/);
    expect(r.stderr).toMatch(/SMTP_URL: obligatoria/);
  });
});

describe('bad configuration: one line naming the variable, exit 2, fast', () => {
  const serveEnv = () => ({ IESS_TEST_MODE: '1', DATA_DIR: dataDir, PORT: '0' });

  it('LOG_LEVEL in Spanish', async () => {
    expectConfigRefusal(
      await runCli(['serve'], { ...serveEnv(), LOG_LEVEL: 'verbose' }),
      'LOG_LEVEL',
      /debe ser fatal, error, warn, info, debug, trace o silent/,
    );
  });

  it('a SECRET that is too short: one message, its value not shown', async () => {
    const r = await runCli(['serve'], { SMTP_URL: 'smtp://127.0.0.1:2525', DATA_DIR: dataDir, SECRET: 'demasiado-corto' });
    expectConfigRefusal(r, 'SECRET', /al menos 32/);
    expect(r.stderr).not.toContain('demasiado-corto');
  });

  it('a DATA_DIR that cannot be created fails at once', async () => {
    expectConfigRefusal(await runCli(['migrate'], { DATA_DIR: '/proc/iess-clave/datos' }), 'DATA_DIR', /no se pudo crear la carpeta/);
    expectConfigRefusal(await runCli(['serve'], { ...serveEnv(), DATA_DIR: '/dev/null/datos' }), 'DATA_DIR', /no se pudo crear/);
  });

  it('a DATABASE_URL nobody answers names the variable (password hidden)', async () => {
    const r = await runCli(['migrate'], { DATABASE_URL: 'postgres://iess:ClaveSecreta@127.0.0.1:1/iess' });
    expectConfigRefusal(r, 'DATABASE_URL', /conexión rechazada/);
    expect(r.stderr).not.toContain('ClaveSecreta');
  });

  it('a REDIS_URL nobody answers names the variable', async () => {
    expectConfigRefusal(
      await runCli(['serve'], { ...serveEnv(), REDIS_URL: 'redis://127.0.0.1:1' }),
      'REDIS_URL',
      /no se pudo conectar a Redis: conexión rechazada/,
    );
  });

  it('a port in use names PORT; an address not of this machine names HOST', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const port = String((busy.address() as AddressInfo).port);
      expectConfigRefusal(await runCli(['serve'], { ...serveEnv(), PORT: port }), 'PORT', /el puerto ya está en uso/);
    } finally {
      busy.close();
    }
    expectConfigRefusal(await runCli(['serve'], { ...serveEnv(), HOST: '192.0.2.1' }), 'HOST', /no es una dirección de esta máquina/);
  });

  it('a missing SECURITY_QUESTIONS_FILE is a configuration error (exit 2, as documented)', async () => {
    expectConfigRefusal(
      await runCli(['serve'], { ...serveEnv(), SECURITY_QUESTIONS_FILE: '/no/existe/preguntas.json' }),
      'SECURITY_QUESTIONS_FILE',
      /el archivo no existe/,
    );
  });
});
