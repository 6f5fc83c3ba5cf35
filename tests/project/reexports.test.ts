// The modules the parameters' inference follows a function through (reexports.ts): an index that re-exports it
// under a name of its own, and the uses of a module it cannot follow, which leave the function's callers unknown.
import { describe, expect, it } from 'vitest';
import { reexportsOf } from '../../src/js/provenance/reexports';
import { parseForValues } from '../../src/js/syntax/analysisTree';

describe('re-exports the parameters are followed through', () => {
  const at = (text: string, exportName: string) => reexportsOf(parseForValues('/x/index.js', text).get('program'), (s) => s === './m', exportName);

  it('names each form gives the function', () => {
    expect(at("module.exports = { q: require('./m') };", 'default')).toEqual(['q']);
    expect(at("exports.q = require('./m');", 'default')).toEqual(['q']);
    expect(at("module.exports.q = require('./m').run;", 'run')).toEqual(['q']);
    expect(at("module.exports = require('./m');", 'run')).toEqual(['run']);
    expect(at("export { default as q } from './m';", 'default')).toEqual(['q']);
    expect(at("export { run, other as q } from './m';", 'run')).toEqual(['run']);
    expect(at("export * from './m';", 'run')).toEqual(['run']);
    expect(at("export * from './m';", 'default')).toEqual([]);
    // Read by callsOfImport (calls, or an escape): no re-export.
    expect(at("const m = require('./m');\nm(1);", 'default')).toEqual([]);
  });

  it('a use it cannot follow makes the callers unknown', () => {
    expect(at("module.exports = { m: require('./m') };", 'run')).toBeNull();
    expect(at("export * as ns from './m';", 'run')).toBeNull();
    expect(at("app.use(require('./m'));", 'default')).toBeNull();
    expect(at("function f() { return require('./m'); }", 'default')).toBeNull();
    expect(at("import('./m').then((m) => m.run(1));", 'run')).toBeNull();
  });
});
