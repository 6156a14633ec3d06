/**
 * iess-clave serve [--demo] | migrate | import <file>
 * Built to dist/server/cli.js by scripts/build-server.mjs and run by bin/iess-clave.js.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { createArgon2Hasher } from './crypto/hasher.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrations.ts';
import { DEMO_IDENTITIES } from './demo/identities.ts';
import { readRows, upsertRecord, validateRecord } from './registry/records.ts';
import { startServer } from './server.ts';

const USAGE = `Uso: iess-clave <orden>
  serve [--demo]    inicia el servidor (--demo carga las identidades de demostración)
  migrate           aplica las migraciones de la base de datos
  import <archivo>  importa afiliados desde JSON o CSV (ver docs/operations.md)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const demo = rest.includes('--demo');
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig(demo ? { ...process.env, IESS_DEMO: '1' } : process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }

  if (command === 'migrate') {
    const database = await openDatabase(config);
    const applied = await migrate(database.db);
    console.log(applied.length ? `Migraciones aplicadas: ${applied.join(', ')}` : 'La base de datos ya está al día.');
    await database.close();
    return 0;
  }

  if (command === 'import') {
    const file = rest.find((a) => !a.startsWith('--'));
    if (!file) {
      console.error('Falta el archivo: iess-clave import <archivo.json|archivo.csv>');
      return 2;
    }
    const rows = readRows(basename(file), readFileSync(file, 'utf8'));
    const database = await openDatabase(config);
    await migrate(database.db);
    const hasher = createArgon2Hasher(config.argon2Concurrency);
    let imported = 0;
    const rejected: Array<{ line: number; reasons: string[] }> = [];
    for (const { line, row } of rows) {
      const v = validateRecord(row);
      if (!v.ok) rejected.push({ line, reasons: v.reasons });
      else {
        await upsertRecord(database.db, hasher, v.record, new Date());
        imported++;
      }
    }
    await database.close();
    console.log(`Importados: ${imported}. Rechazados: ${rejected.length}.`);
    for (const r of rejected) console.log(`  ${file.endsWith('.json') ? 'elemento' : 'línea'} ${r.line}: ${r.reasons.join('; ')}`);
    return rejected.length ? 1 : 0;
  }

  if (command === 'serve') {
    const server = await startServer(config);
    if (demo) {
      for (const r of DEMO_IDENTITIES) await upsertRecord(server.database.db, server.deps.hasher, r, new Date());
    }
    console.log(`iess-clave listening on ${server.url}`);
    console.log(`  Página de demostración: ${config.publicUrl}/`);
    if (server.catcher) console.log(`  Bandeja de desarrollo:  ${config.publicUrl}/dev/inbox`);
    console.log(`  Referencia de la API:   ${config.publicUrl}/openapi.json`);
    if (demo) console.log(`  Identidades de demostración: ${DEMO_IDENTITIES.map((d) => d.id).join(', ')} (ver docs/operations.md)`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  }

  console.error(`Orden desconocida: ${command}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error('Error:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
