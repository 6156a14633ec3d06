/**
 * iess-clave serve [--demo] | migrate | import <file> | --help | --version
 * Built to dist/server/cli.js by scripts/build-server.mjs and run by bin/iess-clave.js.
 * Exit codes: 0 success; 1 `import` rejected rows or a runtime error; 2 bad usage or configuration.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadStorageConfig, type StorageConfig } from './config.ts';
import { createArgon2Hasher } from './crypto/hasher.ts';
import { DataDirError, openDatabase, type OpenedDatabase } from './db/database.ts';
import { migrate } from './db/migrations.ts';
import { DEMO_IDENTITIES } from './demo/identities.ts';
import { ImportFileError, readImportFile } from './registry/import-file.ts';
import { upsertRecord, validateRecord } from './registry/records.ts';
import { DEMO_POPULATION, insertPopulation, syntheticRegistry } from './registry/synthetic.ts';
import { startServer, type RunningServer } from './server.ts';
import { databaseStartError } from './startup-errors.ts';

const USAGE = `Uso: iess-clave <orden> [opciones]

Órdenes:
  serve [--demo]     inicia el servidor; --demo carga las identidades de demostración, usa el
                     SECRET público de demostración si falta SECRET y, sin SMTP_URL, la bandeja
                     /dev/inbox (solo para probar, nunca en producción)
  migrate            aplica las migraciones de la base de datos (usa DATABASE_URL o DATA_DIR)
  import <archivo>   importa afiliados desde .json o .csv (separador «,» o «;», UTF-8)

Opciones:
  -h, --help         muestra esta ayuda
  -v, --version      muestra la versión

La configuración se lee del entorno; ver docs/operations.md.`;

/**
 * The product's version: the one in widget/package.json (the only place it is written; the extension
 * reads it too), beside the project's package.json found upwards from this file (source, dist/ or
 * a test bundle).
 */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      const widget =
        pkg.name === 'iess-clave'
          ? (JSON.parse(readFileSync(join(dir, 'widget/package.json'), 'utf8')) as { version?: string })
          : undefined;
      if (widget?.version) return widget.version;
    } catch {
      /* no package.json here: go up */
    }
    if (dirname(dir) === dir) return 'desconocida';
    dir = dirname(dir);
  }
}

/** Bad usage: exit code 2, the message and a pointer to --help. */
class UsageError extends Error {}

const TEST_MODE_WARNING = `ATENCIÓN: IESS_TEST_MODE=1 (modo de prueba). Se admiten tiempos, bloqueos y pruebas de trabajo
mínimos y un SECRET público. Solo para pruebas automáticas: nunca en producción.`;
const DEMO_WARNING = `ATENCIÓN: modo de demostración (serve --demo). Identidades de demostración con claves conocidas;
sin SECRET se usa el secreto público de demostración; sin SMTP_URL los correos, con sus enlaces,
se muestran en /dev/inbox. Nunca en producción.`;

function warn(text: string): void {
  const bar = '!'.repeat(78);
  console.error(`${bar}\n${text}\n${bar}`);
}

/** Opens and migrates the database; an unusable one is a configuration problem (exit 2). */
async function openStorage(storage: StorageConfig): Promise<{ database: OpenedDatabase; applied: string[] }> {
  let database: OpenedDatabase | undefined;
  try {
    database = await openDatabase({
      databaseUrl: storage.databaseUrl,
      dataDir: storage.dataDir,
      poolSize: Math.min(storage.databasePoolSize, 2),
      preparedStatements: storage.databasePreparedStatements,
    });
    return { database, applied: await migrate(database.db) };
  } catch (err) {
    await database?.close().catch(() => {});
    if (err instanceof DataDirError) throw new ConfigError([err.message]);
    throw storage.databaseUrl ? databaseStartError(err, storage.databaseUrl) : err;
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const arg = /'([^']+)'/.exec((err as Error).message)?.[1];
    throw new UsageError(
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `Opción desconocida: ${arg ?? ''}` : `Opción inválida: ${arg ?? (err as Error).message}`,
    );
  }
  const { values, positionals } = parsed;
  if (values.version) {
    console.log(version());
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!command) throw new UsageError('Falta la orden.');
  if (values.demo && command !== 'serve') throw new UsageError(`--demo solo vale para serve, no para ${command}.`);
  const testMode = process.env.IESS_TEST_MODE === '1';

  if (command === 'migrate') {
    if (rest.length) throw new UsageError(`migrate no recibe argumentos (recibió: ${rest.join(' ')}).`);
    const storage = loadStorageConfig(process.env);
    if (testMode) warn(TEST_MODE_WARNING);
    const { database, applied } = await openStorage(storage);
    await database.close();
    console.log(applied.length ? `Migraciones aplicadas: ${applied.join(', ')}` : 'La base de datos ya está al día.');
    return 0;
  }

  if (command === 'import') {
    if (rest.length !== 1) throw new UsageError('Indique un solo archivo: iess-clave import <archivo.json|archivo.csv>');
    const file = rest[0]!;
    const storage = loadStorageConfig(process.env);
    if (testMode) warn(TEST_MODE_WARNING);
    let read;
    try {
      read = readImportFile(file);
    } catch (err) {
      if (err instanceof ImportFileError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
    if (read.separator)
      console.log(
        `Archivo CSV con separador «${read.separator}» (${read.separator === ';' ? 'punto y coma' : 'coma'})${read.bom ? ' y marca BOM de UTF-8' : ''}.`,
      );
    const { database } = await openStorage(storage);
    // Real imports carry no passwords or answers: the hasher only serves the demo data set.
    const hasher = createArgon2Hasher(1);
    let imported = 0;
    const rejected: Array<{ line: number; reasons: string[] }> = [];
    for (const { line, row } of read.rows) {
      const v = validateRecord(row);
      if (!v.ok) rejected.push({ line, reasons: v.reasons });
      else {
        await upsertRecord(database.db, hasher, v.record, new Date());
        imported++;
      }
    }
    await database.close();
    console.log(`Importados: ${imported}. Rechazados: ${rejected.length}.`);
    for (const r of rejected) console.log(`  ${read.kind === 'json' ? 'elemento' : 'línea'} ${r.line}: ${r.reasons.join('; ')}`);
    return rejected.length ? 1 : 0;
  }

  if (command === 'serve') {
    if (rest.length) throw new UsageError(`serve no recibe argumentos (recibió: ${rest.join(' ')}).`);
    const demo = values.demo === true;
    const config = loadConfig(process.env, { demo });
    if (testMode) warn(TEST_MODE_WARNING);
    if (demo) warn(DEMO_WARNING);
    // Signals are handled from the start: one that arrives while starting stops the server as
    // soon as it is up (never half-way through a migration).
    const state: { server?: RunningServer; stopping?: string } = {};
    const stop = (signal: string) => {
      if (state.stopping) {
        // A second signal: the operator does not want to wait.
        console.error(`${signal} otra vez: se detiene sin esperar.`);
        process.exit(1);
      }
      state.stopping = signal;
      const server = state.server;
      if (!server) return; // stopped right after the start below
      const delay = config.shutdownDelaySeconds
        ? `/ready responde 503; durante ${config.shutdownDelaySeconds} s sigue atendiendo, luego `
        : '';
      console.log(
        `${signal}: ${delay}deja de aceptar conexiones y espera hasta ${config.shutdownTimeoutSeconds} s a las solicitudes en curso…`,
      );
      server.close().then(
        ({ drainedMs, cut }) => {
          console.log(
            `Detenido: solicitudes en curso terminadas en ${drainedMs} ms${cut ? `; ${cut} cortada(s) al vencer el plazo` : ''}.`,
          );
          process.exit(0);
        },
        (err: unknown) => {
          console.error('Error al detener:', err instanceof Error ? err.message : err);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    const running = await startServer(config);
    if (demo) {
      for (const r of DEMO_IDENTITIES) await upsertRecord(running.database.db, running.deps.hasher, r, new Date());
      // A synthetic registry beside them: challenges draw their options from the registry's answers.
      await insertPopulation(running.database.db, running.deps.hasher, syntheticRegistry(DEMO_POPULATION), new Date());
    }
    state.server = running;
    if (state.stopping) {
      const signal = state.stopping;
      delete state.stopping;
      stop(signal);
      return -1;
    }
    console.log(`iess-clave listening on ${running.url}`);
    console.log(`  Página de demostración: ${config.publicUrl}/`);
    if (running.catcher) console.log(`  Bandeja de desarrollo:  ${config.publicUrl}/dev/inbox`);
    console.log(`  Referencia de la API:   ${config.publicUrl}/openapi.json`);
    if (config.metricsToken) console.log(`  Métricas (Prometheus):  ${config.publicUrl}/metrics`);
    if (demo) console.log(`  Identidades de demostración: ${DEMO_IDENTITIES.map((d) => d.id).join(', ')} (ver docs/operations.md)`);
    return -1;
  }

  throw new UsageError(`Orden desconocida: ${command}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    if (err instanceof UsageError) {
      console.error(`${err.message}\nVea: iess-clave --help`);
      process.exit(2);
    }
    console.error('Error:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
