// Types for bench/size.mjs, so TypeScript tests can reuse its measuring function.
export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}
export interface FileSizes extends Sizes {
  file: string;
  map: boolean;
}
export interface EntrySizes extends Sizes {
  entry: string;
  /** The entry and its static-import closure (what the totals count). */
  files: string[];
  /** The same with every chunk reachable through import() as well. */
  withLazy: Sizes & { files: string[] };
}
export interface SizeReport {
  dir: string;
  files: FileSizes[];
  entries: EntrySizes[];
}
export interface Peer {
  name: string;
  gzipKB: number;
  brotliKB: number;
}
export const DEFAULT_DIR: string;
export const PEERS: readonly Peer[];
export const REFERENCES: readonly Peer[];
export const BUDGET: { gzipBytes: number; wholeGzipBytes: number; targetGzipKB: number; targetBrotliKB: number };
export function compressedSizes(buffer: Uint8Array): Sizes;
export function measureWidgetSize(dir?: string, options?: { entry?: string }): SizeReport;
export function formatReport(report: SizeReport): string;
