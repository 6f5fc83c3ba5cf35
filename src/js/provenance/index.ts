export { Provenance, type Value } from './values';
export { resolveLocalModule } from './resolve';
