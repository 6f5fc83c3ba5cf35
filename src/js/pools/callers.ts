// An exported function counts as per-call code only while nothing that runs once imports it: a script or
// an entry module that imports `./users` and names `syncUsers` may be the one caller, and ending the pool
// there is how that process lets go. Searched cheaply, like the shutdown hooks: a file is parsed only when
// its text names the function and the module, and only for a teardown about to be removed.
import * as path from 'node:path';
import { resolveLocalModule } from '../provenance/resolve';
import { walk, type Node } from '../analysis/ast';
import { packageRoot } from '../project/packageInfo';
import { fileContext } from './fileKind';
import { packageSourceFiles } from './hooks';
import { loadFile } from './origin';
import * as fs from 'node:fs';

const MAX_BYTES = 512 * 1024;

/** Local module specifiers a program imports or requires. */
function specifiers(program: Node): string[] {
  const found: string[] = [];
  walk(
    program,
    (n) => {
      if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && typeof n.source?.value === 'string') found.push(n.source.value);
      if ((n.type === 'CallExpression' && ((n.callee.type === 'Identifier' && n.callee.name === 'require') || n.callee.type === 'Import')) || n.type === 'ImportExpression') {
        const arg = n.arguments?.[0] ?? n.source;
        if (arg && typeof arg.value === 'string') found.push(arg.value);
      }
    },
    true,
  );
  return found.filter((s) => s.startsWith('.'));
}

/**
 * A script or entry module of `definedIn`'s package that imports it and names `name`, as
 * `path (why it runs once)`, or null.
 */
export function entryImporter(definedIn: string, name: string): string | null {
  const root = packageRoot(path.dirname(definedIn)) ?? path.dirname(definedIn);
  const stem = path.basename(definedIn).replace(/\.[^.]*$/, '');
  const word = stem === 'index' ? path.basename(path.dirname(definedIn)) : stem;
  for (const f of packageSourceFiles(root).files) {
    if (f === definedIn) continue;
    let text: string;
    try {
      if (fs.statSync(f).size > MAX_BYTES) continue;
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes(name) || !text.includes(word)) continue;
    const loaded = loadFile(f);
    if (!loaded) continue;
    const program = loaded.root.node.type === 'File' ? loaded.root.node.program : loaded.root.node;
    if (!specifiers(program).some((s) => resolveLocalModule(path.dirname(f), s) === definedIn)) continue;
    const ctx = fileContext(f, program);
    if (ctx.test) continue;
    const why = ctx.script ?? ctx.entry;
    if (why) return `${path.relative(path.dirname(definedIn), f).split(path.sep).join('/')} (${why})`;
  }
  return null;
}
