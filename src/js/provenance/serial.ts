// Values as plain data, so the project index made in the main thread reaches the workers: a library by its
// name, a kind by its name, a project class as the methods that hand out resources.
import type { Catalog } from '../../catalog/js';
import type { IndexView, Value } from './values';

export type SerialValue =
  | { t: 'module'; library: string; specifier: string }
  | { t: 'class' | 'factory' | 'instance' | 'shared'; library: string; kind: string; begun?: boolean }
  | { t: 'returns'; value: SerialValue; async?: boolean }
  | { t: 'handle'; library: string; kind: string; acquire: string }
  | { t: 'tuple'; items: (SerialValue | null)[] }
  | { t: 'project-class' | 'project-object'; methods: Record<string, SerialValue>; fields?: Record<string, SerialValue>; statics?: Record<string, SerialValue> }
  | { t: 'project-module'; file: string }
  | { t: 'acquires'; param: number; path: string[]; method: string; callbackIndex?: number; begun?: boolean; async?: boolean; element?: number }
  | { t: 'record'; fields: Record<string, SerialValue> }
  | { t: 'releases'; params: Record<string, string[]> };

/** The project index's facts for one file (see IndexView). */
export interface IndexFacts {
  exports: Record<string, Record<string, SerialValue | null>>;
  params: Record<string, Record<string, SerialValue>>;
  /** Relative imports of the file that name nothing on disk (missing.ts), when it calls a release-named method. */
  missing?: string[];
  /** What the project's middleware parks on the request under the names this file reads (`dbClient`). */
  requestSlots?: Record<string, SerialValue>;
}

export function serialize(v: Value | null): SerialValue | null {
  if (!v) return null;
  switch (v.t) {
    case 'module':
      return { t: 'module', library: v.lib.library, specifier: v.specifier };
    case 'class':
    case 'factory':
    case 'instance':
    case 'shared':
      return { t: v.t, library: v.kind.lib.library, kind: v.kind.name, ...(v.t === 'instance' && v.begun ? { begun: true } : {}) };
    case 'returns': {
      const value = serialize(v.value);
      return value ? { t: 'returns', value, ...(v.async ? { async: true } : {}) } : null;
    }
    case 'handle':
      return { t: 'handle', library: v.kind.lib.library, kind: v.kind.name, acquire: v.acquire };
    case 'tuple': {
      const items = v.items.map(serialize);
      return items.some(Boolean) ? { t: 'tuple', items } : null;
    }
    case 'project-class':
    case 'project-object': {
      const methods = serialMembers(v.methods);
      const fields = serialMembers(v.fields);
      const statics = serialMembers(v.t === 'project-class' ? v.statics : undefined);
      if (!Object.keys(methods).length && !Object.keys(fields).length && !Object.keys(statics).length) return null;
      return { t: v.t, methods, ...(Object.keys(fields).length ? { fields } : {}), ...(Object.keys(statics).length ? { statics } : {}) };
    }
    case 'project-module':
      return { t: 'project-module', file: v.file };
    case 'acquires':
    case 'releases':
      return { ...v };
    case 'record': {
      const fields: Record<string, SerialValue> = {};
      for (const [name, f] of Object.entries(v.fields)) {
        const x = serialize(f);
        if (x) fields[name] = x;
      }
      return Object.keys(fields).length ? { t: 'record', fields } : null;
    }
  }
}

function serialMembers(members: Record<string, Value> | undefined): Record<string, SerialValue> {
  const out: Record<string, SerialValue> = {};
  for (const [name, m] of Object.entries(members ?? {})) {
    const s = serialize(m);
    if (s) out[name] = s;
  }
  return out;
}

function members(serial: Record<string, SerialValue> | undefined, catalog: Catalog): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [name, m] of Object.entries(serial ?? {})) {
    const v = deserialize(m, catalog);
    if (v) out[name] = v;
  }
  return out;
}

export function deserialize(s: SerialValue | null, catalog: Catalog): Value | null {
  if (!s) return null;
  // (A library the file mocks: what the project's modules make with it is the mock's, holding nothing.)
  const lib = 'library' in s ? catalog.libraries.find((l) => l.library === s.library && !catalog.mocked(l)) : undefined;
  switch (s.t) {
    case 'module':
      return lib ? { t: 'module', lib, specifier: s.specifier } : null;
    case 'class':
    case 'factory':
    case 'instance':
    case 'shared':
      if (!lib) return null;
      return s.t === 'instance' ? { t: s.t, kind: { lib, name: s.kind }, ...(s.begun ? { begun: true } : {}) } : { t: s.t, kind: { lib, name: s.kind } };
    case 'returns': {
      const value = deserialize(s.value, catalog);
      return value ? { t: 'returns', value, ...(s.async ? { async: true } : {}) } : null;
    }
    case 'handle':
      return lib ? { t: 'handle', kind: { lib, name: s.kind }, acquire: s.acquire } : null;
    case 'tuple':
      return { t: 'tuple', items: s.items.map((x) => deserialize(x, catalog)) };
    case 'project-class':
    case 'project-object': {
      const fields = s.fields ? { fields: members(s.fields, catalog) } : {};
      if (s.t === 'project-object') return { t: s.t, cls: null, methods: members(s.methods, catalog), ...fields };
      return { t: s.t, cls: null, methods: members(s.methods, catalog), ...fields, ...(s.statics ? { statics: members(s.statics, catalog) } : {}) };
    }
    case 'project-module':
      return { t: 'project-module', file: s.file };
    case 'acquires':
    case 'releases':
      return { ...s };
    case 'record': {
      const fields: Record<string, Value> = {};
      for (const [name, f] of Object.entries(s.fields)) {
        const v = deserialize(f, catalog);
        if (v) fields[name] = v;
      }
      return { t: 'record', fields };
    }
  }
}

const views = new WeakMap<object, WeakMap<Catalog, IndexView>>();

/** The IndexView of a file's index facts, made once per facts object. */
export function indexView(facts: IndexFacts | undefined, catalog: Catalog): IndexView | undefined {
  if (!facts) return undefined;
  // (Per catalogue too: a file that mocks a library sees its values as nothing.)
  let byCatalog = views.get(facts);
  if (!byCatalog) views.set(facts, (byCatalog = new WeakMap()));
  let view = byCatalog.get(catalog);
  if (!view) {
    view = {
      exports: new Map(Object.entries(facts.exports).map(([file, names]) => [file, new Map(Object.entries(names).map(([n, v]) => [n, deserialize(v, catalog)]))])),
      params: new Map(Object.entries(facts.params).map(([fn, byIndex]) => [fn, new Map(Object.entries(byIndex).flatMap(([i, v]) => {
        const value = deserialize(v, catalog);
        return value ? [[Number(i), value] as [number, Value]] : [];
      }))])),
      requestSlots: new Map(Object.entries(facts.requestSlots ?? {}).flatMap(([slot, v]) => {
        const value = deserialize(v, catalog);
        return value ? [[slot, value] as [string, Value]] : [];
      })),
    };
    byCatalog.set(catalog, view);
  }
  return view;
}
