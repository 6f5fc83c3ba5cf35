// What a catalogue module's export is, as a value: a class, a factory, an instance, or another module.
import type { Catalog, ExportSpec, LibrarySpec } from '../../catalog/js';
import type { Value } from './values';

export function exportValue(lib: LibrarySpec, spec: ExportSpec, catalog: Catalog): Value | null {
  if ('class' in spec) return { t: 'class', kind: { lib, name: spec.class }, ...(spec.callable ? { callable: true } : {}) };
  if ('factory' in spec) return { t: 'factory', kind: { lib, name: spec.factory } };
  if ('instance' in spec) return { t: 'instance', kind: { lib, name: spec.instance } };
  const target = catalog.module(spec.namespace);
  return target ? { t: 'module', lib: target.lib, specifier: spec.namespace } : null;
}
