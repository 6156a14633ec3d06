// `npx cem analyze` reads this: the widget's elements, documented from their JSDoc, into
// custom-elements.json (for IDEs, design tools and docs/). Tags are registered only in
// widget/define.ts from each class's `static readonly tagName`, so a small plugin reads that.
function staticTagName() {
  return {
    name: 'iess-static-tag-name',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const tag = node.members.find(
        (m) =>
          ts.isPropertyDeclaration(m) &&
          m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) &&
          m.name.getText() === 'tagName' &&
          m.initializer &&
          ts.isStringLiteral(m.initializer),
      );
      if (!tag) return;
      const decl = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
      if (!decl) return;
      decl.tagName = tag.initializer.text;
      decl.customElement = true;
      // The static field is plumbing, not API.
      decl.members = (decl.members ?? []).filter((m) => !(m.static && m.name === 'tagName'));
      // The analyzer also guesses event names from constructor arguments (`new X('config')`);
      // every real event name here has a hyphen (iess-*, step-*), so the guesses go.
      if (decl.events) decl.events = decl.events.filter((e) => e.name?.includes('-'));
    },
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer's module order follows file reads that finish in any order on a busy
      // machine; sorted by path, the generated file is the same on every run.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      // Register the tags as definitions so tools know which module defines what.
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) {
          if (!d.tagName) continue;
          mod.exports = mod.exports ?? [];
          if (!mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === d.tagName)) {
            mod.exports.push({ kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: mod.path } });
          }
        }
      }
    },
  };
}

/**
 * Lit's `static properties` entries with `state: true` are internal reactive state, never
 * attributes; the analyzer's Lit support documents them as attributes all the same, so they go.
 */
function internalStateIsNoAttribute() {
  const internal = new Set(); // `${className}.${property}`
  const isInternal = (owner, name) => internal.has(`${owner}.${name}`);
  return {
    name: 'iess-internal-state',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const props = node.members.find(
        (m) =>
          ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.initializer && ts.isObjectLiteralExpression(m.initializer),
      );
      for (const p of props?.initializer.properties ?? []) {
        const options = ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) ? p.initializer : undefined;
        const state = options?.properties.some(
          (o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && o.initializer.kind === ts.SyntaxKind.TrueKeyword,
        );
        if (state) internal.add(`${node.name.getText()}.${p.name.getText()}`);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) {
          for (const m of d.members ?? []) if (isInternal(m.inheritedFrom?.name ?? d.name, m.name)) delete m.attribute;
          if (d.attributes) d.attributes = d.attributes.filter((a) => !isInternal(a.inheritedFrom?.name ?? d.name, a.fieldName));
        }
      }
    },
  };
}

export default {
  globs: ['widget/**/*.ts'],
  exclude: ['widget/vite.config.ts', 'widget/dist/**'],
  outdir: process.env.CEM_OUTDIR ?? '.', // the freshness test writes elsewhere
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [staticTagName(), internalStateIsNoAttribute()],
};
