/**
 * The package's element documentation for tools, all from custom-elements.json (`npm run cem`):
 *  - publicManifest: the declarations widget/index.ts exports (the shell element, its events, the
 *    adapter's error…), module paths pointing into dist/, private and protected members left out;
 *    the step elements are internal and not in it;
 *  - vscodeCustomData: VS Code's HTML custom data (`html.customData` setting);
 *  - webTypes: JetBrains web-types (WebStorm and other IntelliJ IDEs read `web-types` in package.json).
 * scripts/build-widget-package.mjs writes the three into widget/dist/.
 */
import { readFileSync } from 'node:fs';

const INDEX = new URL('../widget/index.ts', import.meta.url);

/** Names of the values widget/index.ts exports (types left out). */
export function publicNames(source = readFileSync(INDEX, 'utf8')) {
  const names = new Set();
  for (const [, list] of source.matchAll(/^export\s*\{([^}]*)\}\s*from/gm)) {
    for (const part of list.split(',')) {
      const name = part.trim();
      if (name && !name.startsWith('type ')) names.add(name.split(/\s+as\s+/).pop());
    }
  }
  return names;
}

const toDist = (path) => path.replace(/^widget\//, 'dist/').replace(/\.ts$/, '.js');
const isPublicMember = (m) => !m.privacy || m.privacy === 'public';

export function publicManifest(manifest, names = publicNames()) {
  const modules = [];
  for (const mod of manifest.modules) {
    const declarations = (mod.declarations ?? [])
      .filter((d) => names.has(d.name))
      .map((d) => ({ ...d, ...(d.members ? { members: d.members.filter(isPublicMember) } : {}) }));
    if (declarations.length === 0) continue;
    const kept = new Set(declarations.map((d) => d.name));
    const exports = (mod.exports ?? [])
      .filter((e) => kept.has(e.declaration?.name) && (e.kind === 'custom-element-definition' || kept.has(e.name)))
      .map((e) => ({ ...e, declaration: { ...e.declaration, module: toDist(e.declaration.module) } }));
    modules.push({ ...mod, path: toDist(mod.path), declarations, exports });
  }
  return { ...manifest, modules };
}

const elementsOf = (manifest) =>
  manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ d })));

function describe(d) {
  const events = (d.events ?? []).map((e) => `- \`${e.name}\`: ${e.description ?? ''}`).join('\n');
  return [d.description ?? '', events && `Events:\n${events}`].filter(Boolean).join('\n\n');
}

export function vscodeCustomData(manifest) {
  return {
    version: 1.1,
    tags: elementsOf(manifest).map(({ d }) => ({
      name: d.tagName,
      description: { kind: 'markdown', value: describe(d) },
      attributes: (d.attributes ?? []).map((a) => ({
        name: a.name,
        description: a.description ?? '',
        ...(a.name === 'lang' ? { values: [{ name: 'es' }, { name: 'en' }] } : {}),
      })),
    })),
  };
}

export function webTypes(manifest, pkg) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elementsOf(manifest).map(({ d }) => ({
          name: d.tagName,
          description: d.description ?? '',
          source: { module: `${pkg.name}`, symbol: d.name },
          attributes: (d.attributes ?? []).map((a) => ({
            name: a.name,
            description: a.description ?? '',
            value: { type: a.type?.text ?? 'string' },
          })),
          events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
          css: {
            properties: (d.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
            parts: (d.cssParts ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
          },
          js: {
            properties: (d.members ?? [])
              .filter((m) => m.kind === 'field' && isPublicMember(m) && !m.static)
              .map((m) => ({ name: m.name, description: m.description ?? '', type: m.type?.text ?? 'unknown' })),
            events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
          },
        })),
      },
    },
  };
}
