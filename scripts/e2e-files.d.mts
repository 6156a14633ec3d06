/** Types for scripts/e2e-files.mjs. */
export const BEYOND_CHROMIUM: Record<string, Array<'firefox' | 'webkit'>>;
export function e2eFiles(engines: readonly string[], part?: string): { include: string[]; exclude: string[] };
export const CHROMIUM_BUILDS: string[];
