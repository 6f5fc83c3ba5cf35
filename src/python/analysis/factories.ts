// One-line factories: project functions whose every `return` hands out a resource they made and did not
// close (`def get_db_connection(): return sqlite3.connect(...)`). Calling one acquires the resource, or
// makes an engine.
import type { PyNode } from '../parse/tree';
import { SCOPE_KINDS, statements } from '../parse/syntax';
import type { FileModel, Value } from './values';

// (And engines: `def create_db_engine(url): return create_engine(url, …)` makes the module's engine, whose
// connections are then known.)
const RESOURCE_KINDS = new Set<string>(['session', 'async-session', 'scoped-session', 'connection', 'async-connection', 'raw-connection', 'dbapi-connection', 'engine', 'async-engine']);

/**
 * What a function returns, when every `return` hands out a resource it made and did not close: the
 * one-line factories code wraps `connect()` in. Decorated functions (a context manager, a cache) and
 * generators are not factories. `maybeNone` when a path returns None (a caught connect error).
 */
export function factoryOf(model: FileModel, def: PyNode): Value | null {
  const decorators = def.parent?.kind === 'decorated_definition' ? def.parent.named.filter((c) => c.kind === 'decorator') : [];
  if (decorators.some((d) => !/^@\s*(staticmethod|classmethod)\s*$/.test(d.text))) return null;
  const body = def.field('body');
  if (!body) return null;
  const returns: PyNode[] = [];
  let generator = false;
  body.walk((n) => {
    if (n !== body && (SCOPE_KINDS.has(n.kind) || n.kind === 'decorated_definition')) return false;
    if (n.kind === 'return_statement') returns.push(n);
    if (n.kind === 'yield') generator = true;
  });
  if (generator || !returns.length) return null;
  let value: Value | null = null;
  let maybeNone = false;
  for (const r of returns) {
    const e = r.named.find((c) => c.kind !== 'comment');
    if (!e || e.kind === 'none') {
      maybeNone = true;
      continue;
    }
    const v = model.classify(e, def);
    if (!v || !RESOURCE_KINDS.has(v.kind) || (v.origin !== 'expression' && v.origin !== 'local')) return null;
    if (v.origin === 'local' && (e.kind !== 'identifier' || new RegExp(`\\b${e.text}\\.close\\(`).test(body.text))) return null;
    if (value && value.kind !== v.kind) return null;
    value = v;
  }
  if (!value) return null;
  const last = statements(body).pop();
  if (!last || !(last.kind === 'return_statement' || last.kind === 'raise_statement')) maybeNone = true;
  const made: Value = { kind: value.kind, library: value.library, origin: 'expression', maybeNone: maybeNone || value.maybeNone, via: def.field('name')?.text };
  // A session taken from a scoped_session registry the function makes on each call (`scoped_session(f)()`).
  if (value.kind === 'scoped-session' && /\bscoped_session\s*\(/.test(body.text)) made.freshRegistry = true;
  return made;
}

