/** Types for scripts/find-browsers.mjs (plain ESM so web-test-runner's config can import it). */
export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[];
export function findFirefox(): string | null;
export function findMiniBrowser(): string | null;
export function findWebKit(): { driver: string; browser: string; xvfb: string } | null;
export const HOW_TO_GET: Record<Engine, string>;
export function findEngine(engine: Engine): string | null;
export function engineVersion(engine: Engine): string;
