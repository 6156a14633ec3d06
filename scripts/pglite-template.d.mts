/** Types for scripts/pglite-template.mjs. */
export function createPgliteTemplate(dir: string): Promise<string>;
