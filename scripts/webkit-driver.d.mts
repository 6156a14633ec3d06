/** Types for scripts/webkit-driver.mjs. */
export interface WebKitDriver {
  hostname: string;
  port: number;
  capabilities: Record<string, unknown>;
  stop(): Promise<void>;
}
export function startWebKitDriver(options?: { compositing?: boolean }): Promise<WebKitDriver>;
