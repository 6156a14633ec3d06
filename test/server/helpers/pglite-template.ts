/**
 * One initialised and migrated PGlite directory per machine and schema version (initdb takes
 * seconds); each test file copies it. Creation is guarded by an atomic mkdir lock so parallel
 * test workers build it once.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../server/db/database.ts';
import { MIGRATIONS, migrate } from '../../../server/db/migrations.ts';

const version = createHash('sha256').update(JSON.stringify(MIGRATIONS)).update('pglite-0.5.16').digest('hex').slice(0, 16);
const templateDir = join(tmpdir(), `iess-clave-pglite-template-${version}`);
const lockDir = `${templateDir}.lock`;

async function ensureTemplate(): Promise<string> {
  const ready = join(templateDir, '.ready');
  for (let i = 0; i < 600 && !existsSync(ready); i++) {
    try {
      mkdirSync(lockDir);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      const building = `${templateDir}.building-${process.pid}`;
      rmSync(building, { recursive: true, force: true });
      const db = await openDatabase({ dataDir: building });
      await migrate(db.db);
      await db.close();
      rmSync(templateDir, { recursive: true, force: true });
      renameSync(building, templateDir);
      writeFileSync(ready, 'ok');
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
  if (!existsSync(ready)) throw new Error('PGlite template not ready');
  return templateDir;
}

/** A fresh migrated PGlite database in its own temporary directory. */
export async function freshPGlite(): Promise<OpenedDatabase & { dir: string; closeKeepingFiles(): Promise<void> }> {
  const template = await ensureTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'iess-clave-test-db-'));
  cpSync(template, dir, { recursive: true, filter: (src) => !src.endsWith('.ready') });
  const db = await openDatabase({ dataDir: dir });
  return {
    ...db,
    dir,
    closeKeepingFiles: () => db.close(),
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
