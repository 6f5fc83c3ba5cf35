// Callers of a resource-holding project class: `db = Database(url)` … `db.close()` is a lifecycle like a
// session's, scoped with `with Database(url) as db:` once the class is a context manager.
import type { ResourceDescriptor } from '../analysis/lifecycles';
import type { Value } from '../analysis/values';
import type { ClassFacts } from '../project/classes';

/** The descriptor of a project class's instances, when the class is or becomes a context manager. */
export function instanceResource(classes: Map<string, ClassFacts>, assumeAdded = false): (value: Value) => ResourceDescriptor | null {
  return (value) => {
    if (value.kind !== 'instance' || value.origin !== 'expression') return null;
    const c = classes.get(value.className ?? '');
    if (!c || (c.contextManager === 'none' && !assumeAdded)) return null;
    return {
      noun: `${value.className} object`,
      library: 'project',
      release: c.close,
      releaseAwaited: c.closeAsync,
      withForm: c.closeAsync ? 'async-native' : 'native',
      closeIdempotent: c.closeIdempotent,
      // Unknown code: anything it hands out may depend on it staying open.
      attachedResults: true,
      materialisers: [],
      cm: `${value.className}.${c.closeAsync ? '__aexit__' : '__exit__'} calls ${c.close}()`,
      transaction: null,
      needsSession14: false,
      kind: `instance:${value.className}`,
      maybeNone: false,
    };
  };
}
