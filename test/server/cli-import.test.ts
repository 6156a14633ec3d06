/**
 * The command line, built with esbuild the way scripts/build-server.mjs does and run as a child
 * process: `migrate`, and `import` from CSV and JSON (validation, rejected rows with line numbers,
 * idempotent upsert), and `serve` printing its URLs.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { freshPGlite } from './helpers/pglite-template.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}node_modules/.cache/iess-clave-test/cli-${process.pid}.js`;
const fixtures = `${root}test/fixtures/registry/`;
let dataDir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(`${root}node_modules/.cache/iess-clave-test`, { recursive: true });
  await build({ entryPoints: [`${root}server/cli.ts`], outfile: cli, bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'silent' });
  const db = await freshPGlite();
  dataDir = db.dir;
  await db.closeKeepingFiles(); // release the directory for the child processes
  cleanup = async () => {
    const { rmSync } = await import('node:fs');
    rmSync(dataDir, { recursive: true, force: true });
  };
});
afterAll(() => cleanup?.());

const env = () => ({ ...process.env, IESS_TEST_MODE: '1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '', SMTP_URL: '' });
const exec = async (...args: string[]) => {
  try {
    const r = await run(process.execPath, [cli, ...args], { env: env() });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
};

async function count(where = sql`true`) {
  const db = await openDatabase({ dataDir });
  try {
    return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM affiliates WHERE ${where}`.execute(db.db)).rows[0]!.n;
  } finally {
    await db.close();
  }
}

describe('iess-clave CLI', () => {
  it('migrate reports an up-to-date database', async () => {
    const r = await exec('migrate');
    expect(r.code).toBe(0);
    expect(r.out).toContain('al día');
  });

  it('import CSV: valid rows upserted, rejected rows reported with line numbers and reasons', async () => {
    const r = await exec('import', `${fixtures}afiliados.csv`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Importados: 3. Rechazados: 3.');
    expect(r.out).toMatch(/línea 4: id: identificación inválida \(checksum\)/);
    expect(r.out).toMatch(/línea 5: birthDay: día inválido para el mes/);
    expect(r.out).toMatch(/línea 6: .*email: dirección inválida.*dependant: requiere principalName/);
    expect(await count()).toBe(3);
    const db = await openDatabase({ dataDir });
    const row = (await sql<{ given_names: string; facts: { employers: string[] } }>`SELECT given_names, facts FROM affiliates WHERE identification = '2411111111'`.execute(db.db)).rows[0]!;
    await db.close();
    expect(row.given_names).toBe('PEDRO, JR.');
    expect(row.facts.employers).toEqual(['FERRETERÍA "EL CLAVO" CÍA. LTDA.']);
  });

  it('import is idempotent and JSON works too', async () => {
    await exec('import', `${fixtures}afiliados.csv`);
    expect(await count()).toBe(3);
    const r = await exec('import', `${fixtures}afiliados.json`);
    expect(r.out).toContain('Importados: 2. Rechazados: 1.');
    expect(r.out).toMatch(/elemento 3: id: identificación inválida \(province\)/);
    expect(await count()).toBe(5);
  });

  it('refuses bad configuration with one clear message per value', async () => {
    const r = await run(process.execPath, [cli, 'migrate'], { env: { ...env(), IESS_TEST_MODE: '', PORT: 'abc', LOCK_MINUTES: '1', CORS_ORIGINS: '*' } }).catch((e) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('LOCK_MINUTES debe ser al menos 15');
    expect(r.stderr).toContain('CORS_ORIGINS');
    expect(r.stderr).toContain('SECRET');
  });

  it('serve prints the listening line and the URLs', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--demo'], { env: { ...env(), PORT: '0' } });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('openapi.json')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const url = /iess-clave listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain(`${url}/dev/inbox`);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });
});
