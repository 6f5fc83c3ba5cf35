// Configured ignore globs are relative to the package root; the CLI's --ignore globs to the current directory.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebaseGlob } from '../../src/config/cli';

const root = path.resolve('/repo/packages/api');

describe('rebaseGlob', () => {
  it('at the root: unchanged', () => {
    expect(rebaseGlob('scripts/**', root, root)).toEqual(['scripts/**']);
    expect(rebaseGlob('./scripts/**', root, root)).toEqual(['scripts/**']);
  });
  it('root below the current directory: prefixed', () => {
    expect(rebaseGlob('scripts/**', root, path.resolve('/repo'))).toEqual(['packages/api/scripts/**']);
  });
  it('root beside the current directory: prefixed with ..', () => {
    expect(rebaseGlob('scripts/**', root, path.resolve('/repo/packages/web'))).toEqual(['../api/scripts/**']);
  });
  it('current directory inside the root: the segments naming it are consumed', () => {
    expect(rebaseGlob('scripts/**', root, path.join(root, 'scripts'))).toEqual(['**']);
    expect(rebaseGlob('scripts', root, path.join(root, 'scripts', 'sub'))).toEqual(['**']);
    expect(rebaseGlob('src/**/*.gen.ts', root, path.join(root, 'src'))).toEqual(expect.arrayContaining(['**/*.gen.ts']));
    expect(rebaseGlob('*/fixtures/**', root, path.join(root, 'test', 'fixtures'))).toEqual(['**']);
    expect(rebaseGlob('scripts/**', root, path.join(root, 'src'))).toEqual([]);
    expect(rebaseGlob('**/*.test.ts', root, path.join(root, 'src'))).toEqual(expect.arrayContaining(['**/*.test.ts']));
  });
});
