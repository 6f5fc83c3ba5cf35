import { describe, expect, it } from 'vitest';
import { allTransforms, chainNames, FRONTENDS, LANGUAGE_TRANSFORMS, transformNames, transformsFor } from '../../src/registry';

// The registry knows each language's transform names without loading it (the CLI checks `-t`, the runner
// splits a chain into phases, with names alone): they must be the names the language's code has.
describe('registry', () => {
  it('lists every language its transforms as they are, in order', () => {
    for (const f of FRONTENDS) expect(f.transforms.map((t) => t.meta.name), f.language).toEqual(LANGUAGE_TRANSFORMS[f.language]);
  });
  it('gives the names of allTransforms, in order, and each chain by name', () => {
    expect(transformNames()).toEqual(allTransforms().map((t) => t.meta.name));
    const names = ['remove-redundant-close', 'lifecycles', 'try-finally'];
    for (const f of FRONTENDS) expect(chainNames(f.language, names)).toEqual(transformsFor(f.language, names).map((t) => t.meta.name));
  });
});
