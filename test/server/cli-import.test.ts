/**
 * The command line, built with esbuild the way scripts/build-server.mjs does and run as a child
 * process: `migrate`, and `import` from CSV (`,` or `;`, BOM, header check) and JSON (validation,
 * rejected rows with line numbers, idempotent upsert), and `serve` printing its URLs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { runCli, startCliServer } from './helpers/cli.ts';
import { freshPGlite } from './helpers/pglite-template.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}test/fixtures/registry/`;
let dataDir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const db = await freshPGlite();
  dataDir = db.dir;
  await db.closeKeepingFiles(); // release the directory for the child processes
  cleanup = async () => {
    const { rmSync } = await import('node:fs');
    rmSync(dataDir, { recursive: true, force: true });
  };
});
afterAll(() => cleanup?.());

/** stdout then stderr of one run (import and migrate need only DATA_DIR). */
const exec = async (...args: string[]) => {
  const r = await runCli(args, { DATA_DIR: dataDir });
  return { code: r.code, out: r.stdout + r.stderr };
};

async function count(where = sql`true`) {
  const db = await openDatabase({ dataDir });
  try {
    return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM affiliates WHERE ${where}`.execute(db.db)).rows[0]!.n;
  } finally {
    await db.close();
  }
}

describe('iess-clave CLI', { timeout: 240_000 }, () => {
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
    const row = (
      await sql<{
        given_names: string;
        facts: { employers: string[] };
      }>`SELECT given_names, facts FROM affiliates WHERE identification = '2411111111'`.execute(db.db)
    ).rows[0]!;
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

  it('import CSV written by Excel in a Spanish locale: `;` separator, UTF-8 BOM, CRLF — the same rows as the `,` file', async () => {
    const r = await exec('import', `${fixtures}afiliados-excel.csv`);
    expect(r.out).toContain('Archivo CSV con separador «;» (punto y coma) y marca BOM de UTF-8.');
    expect(r.out).toContain('Importados: 3. Rechazados: 3.');
    expect(r.out).toMatch(/línea 4: id: identificación inválida \(checksum\)/);
    expect(r.out).toMatch(/línea 5: birthDay: día inválido para el mes/);
    const db = await openDatabase({ dataDir });
    const row = (
      await sql<{
        given_names: string;
        facts: { employers: string[] };
      }>`SELECT given_names, facts FROM affiliates WHERE identification = '2411111111'`.execute(db.db)
    ).rows[0]!;
    const maria = (
      await sql<{ given_names: string }>`SELECT given_names FROM affiliates WHERE identification = '1712345675'`.execute(db.db)
    ).rows[0]!;
    await db.close();
    expect(row.given_names).toBe('PEDRO, JR.');
    expect(row.facts.employers).toEqual(['FERRETERÍA "EL CLAVO" CÍA. LTDA.']);
    expect(maria.given_names).toBe('MARÍA JOSÉ'); // no BOM glued to the first column
    const comma = await exec('import', `${fixtures}afiliados.csv`);
    expect(comma.out).toContain('separador «,» (coma).');
  });

  it('a file whose header does not match is refused whole with one message, nothing imported', async () => {
    const before = await count();
    const dir = mkdtempSync(join(tmpdir(), 'iess-import-'));
    try {
      const wrong = join(dir, 'otra-cabecera.csv');
      writeFileSync(wrong, 'cedula;nombres;apellidos;dia;mes\n1712345675;MARÍA;PÉREZ;14;3\n');
      const r = await exec('import', wrong);
      expect(r.code).toBe(1);
      expect(r.out.trim().split('\n')).toHaveLength(1);
      expect(r.out).toMatch(
        /^No se importó nada de otra-cabecera\.csv: la cabecera no coincide \(faltan las columnas id, givenNames, surnames, birthDay, birthMonth; columnas desconocidas «cedula», «nombres», «apellidos», «dia», «mes»\)\. Separador usado: «;»/,
      );
      const latin1 = join(dir, 'excel-antiguo.csv');
      writeFileSync(latin1, Buffer.from('id,givenNames,surnames,birthDay,birthMonth\n1712345675,MAR\xcdA,P\xc9REZ,14,3\n', 'latin1'));
      expect((await exec('import', latin1)).out).toMatch(/no está en UTF-8. En Excel use «Guardar como» → «CSV UTF-8/);
      expect((await exec('import', join(dir, 'no-existe.csv'))).out).toMatch(/no-existe\.csv: el archivo no existe/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await count()).toBe(before);
  });

  it('serve prints the listening line and the URLs', async () => {
    const srv = await startCliServer(['serve', '--demo'], { DATA_DIR: dataDir });
    await srv.waitFor(/openapi\.json/);
    expect(srv.output()).toContain(`${srv.url}/dev/inbox`);
    expect((await fetch(`${srv.url}/health`)).status).toBe(200);
    srv.child.kill('SIGTERM');
    expect(await srv.exited).toBe(0);
  });
});
