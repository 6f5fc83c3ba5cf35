// A project class that holds a resource in a field and releases it in close() (the founding example's shape):
// the facts the analysis needs to treat its instances as resources, and the descriptor they get.
import type { ResourceDescriptor } from './lifecycles';
import type { Value } from './values';

export interface ClassFacts {
  /** Absolute path of the file that defines it, and its name there. */
  file: string;
  className: string;
  /** The release method (`close`). */
  close: string;
  closeAsync: boolean;
  /** `__enter__`/`__exit__` (or the async pair) exist, remove-redundant-close adds them, or it cannot. */
  contextManager: 'exists' | 'added' | 'none';
  /** Why it cannot become a context manager (when `none`). */
  why?: string;
  /** close() only releases things whose release is a no-op the second time (so a leftover close() is harmless). */
  closeIdempotent: boolean;
  /** What it holds, for findings. */
  noun: string;
  field: string;
  library: string;
}

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
