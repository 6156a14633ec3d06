/** Types for scripts/editor-data.mjs (plain ESM so the package build can run it with node). */
type Manifest = {
  modules: { path: string; declarations?: Record<string, any>[]; exports?: Record<string, any>[] }[];
  [key: string]: unknown;
};
export function publicNames(source?: string): Set<string>;
export function publicManifest(manifest: Manifest, names?: Set<string>): Manifest;
export function vscodeCustomData(manifest: Manifest): {
  version: number;
  tags: { name: string; description: { kind: string; value: string }; attributes: { name: string; description: string }[] }[];
};
export function webTypes(manifest: Manifest, pkg: { name: string; version: string }): Record<string, unknown>;
