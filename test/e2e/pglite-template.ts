/**
 * vitest globalSetup of the end-to-end runs: on the embedded database (no TEST_DATABASE_URL),
 * every test server starts on a fresh copy of one PGlite template with the demo data
 * (scripts/pglite-template.mjs) instead of creating a database, which costs more than twice the
 * CPU; nothing is shared between servers. npm test makes one template for all its end-to-end
 * runs (IESS_E2E_PGLITE_TEMPLATE); a run on its own makes its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgliteTemplate } from '../../scripts/pglite-template.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PGlite data directory to copy for each test server; '' on PostgreSQL. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.IESS_E2E_PGLITE_TEMPLATE;
  if (process.env.TEST_DATABASE_URL || given) {
    project.provide('pgliteTemplate', process.env.TEST_DATABASE_URL ? '' : given!);
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'iess-e2e-template-'));
  project.provide('pgliteTemplate', await createPgliteTemplate(dir));
  return () => rmSync(dir, { recursive: true, force: true });
}
