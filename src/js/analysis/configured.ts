// In type-aware mode the checker's fact about a call wins over provenance; for a call the configuration
// names (`await getConn()` from the configured `./db`) the configuration wins instead: the checker only
// knows that the project's own type is not a catalogue type, and would hide the resource.
import { findPaths } from '../syntax/find';
import type { Catalog, LibrarySpec } from '../../catalog/js';
import type { Path } from './ast';
import type { Provenance } from '../provenance/values';
import { factKey, type FileTypeFacts } from '../checker/typeFacts';

/** `facts` without the entries of calls that acquire a configured resource (the same object when none). */
export function configuredCallsWin(facts: FileTypeFacts, root: Path, provenance: Provenance, catalog: Catalog, custom: ReadonlySet<LibrarySpec>): FileTypeFacts {
  if (custom.size === 0) return facts;
  let calls: Record<string, unknown> | null = null;
  findPaths(root, 'CallExpression').forEach((p) => {
    const start = factKey(p.node as Parameters<typeof factKey>[0]);
    if (!(start in facts.calls)) return;
    const value = provenance.expr(p as Path);
    if (value?.t !== 'instance' || !custom.has(value.kind.lib) || !catalog.resource(value.kind)) return;
    calls ??= { ...facts.calls };
    delete calls[start];
  });
  return calls ? { calls: calls as FileTypeFacts['calls'] } : facts;
}
