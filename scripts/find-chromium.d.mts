/** Types for scripts/find-chromium.mjs (plain ESM so web-test-runner's config can import it). */
export function findChromium(): string | null;
export const HOW_TO_GET_CHROMIUM: string;
