// Issue 13's counts, measured the same way each time: the shell's lines and the longest function
// in widget/flow (lines from its first to its last, as a reader scrolls them). Prints; asserts nothing.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

function functions(path) {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText(source) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)');
      found.push({ where: `${path}:${first + 1}`, name, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const shell = readFileSync('widget/iess-recuperar-clave.ts', 'utf8').split('\n').length - 1;
const flow = files('widget/flow')
  .flatMap(functions)
  .sort((a, b) => b.lines - a.lines);
console.log(`shell (widget/iess-recuperar-clave.ts): ${shell} lines (issue 13: < 400)`);
console.log(`longest functions in widget/flow (issue 13: < 80 lines):`);
for (const f of flow.slice(0, 5)) console.log(`  ${f.lines} lines  ${f.name}  ${f.where}`);
