// A PGlite data directory with the schema and the demo data, made once by starting the built
// server on it and stopping it cleanly. End-to-end test servers start on copies of it: creating
// a PGlite database (initdb, migrations) costs about 7 s of CPU, opening a copy about 3 s.
// Used by scripts/test.mjs (one for all end-to-end runs) and test/e2e/pglite-template.ts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Creates the template in `dir`/pglite (dir must exist) and returns that path. */
export async function createPgliteTemplate(dir) {
  const dataDir = join(dir, 'pglite');
  const child = spawn(process.execPath, [join(ROOT, 'bin/iess-clave.js'), 'serve', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, IESS_TEST_MODE: '1', SMTP_URL: '', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the template server did not start in 180 s:\n${out}`)), 180_000);
    const onData = (chunk) => {
      out += chunk.toString();
      if (/iess-clave listening on/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the template server exited with ${code}:\n${out}`));
    });
  }).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  // A clean stop closes PGlite, so the directory is consistent to copy.
  child.kill('SIGTERM');
  await exited;
  return dataDir;
}
