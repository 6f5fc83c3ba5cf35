// The close plan's first look for a class worth the checker (mayDeclareCloseClass), given the directories as
// the run's discovery read them: a file the run left out (gitignored, in an ignored folder) still counts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/cli/files';
import { closeClassLook, mayDeclareCloseClass } from '../../src/js/close/analyze';
import { receiveListings, sendListings } from '../../src/core/listings';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-prepass-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const CLOSE_CLASS = 'export class Store {\n  close() {\n    this.pool.end();\n  }\n}\n';
const PLAIN = 'export const x = 1;\n';

/** The answer with discovery's listings (sent to a thread and back, as the plan's thread gets them) and without. */
function answers(dir: string): [boolean, boolean] {
  const found = discoverFiles({ cwd: dir, paths: ['.'], extensions: ['.ts'], gitignore: true, ignore: [] });
  const given = found.files.map((abs) => ({ abs, text: fs.readFileSync(abs, 'utf8') }));
  const tsconfig = path.join(dir, 'tsconfig.json');
  const sent = receiveListings(structuredClone(sendListings(found.listings)));
  return [mayDeclareCloseClass(tsconfig, given, closeClassLook(sent)), mayDeclareCloseClass(tsconfig, given)];
}

describe("close plan's look with discovery's listings", () => {
  it('finds a class in a gitignored file and in an ignored folder, as the walk of its own does', () => {
    const base = { 'tsconfig.json': '{}', 'src/app.ts': PLAIN };
    expect(answers(project({ ...base, '.gitignore': 'src/store.ts\n', 'src/store.ts': CLOSE_CLASS }))).toEqual([true, true]);
    expect(answers(project({ ...base, '.gitignore': 'gen/\n', 'gen/store.ts': CLOSE_CLASS }))).toEqual([true, true]);
    expect(answers(project({ ...base, '.gitignore': 'gen/\n', 'gen/other.ts': PLAIN }))).toEqual([false, false]);
    // The walk's own rules stand: an ignored build or hidden folder holds no project source.
    expect(answers(project({ ...base, '.gitignore': 'dist/\n.cache/\n', 'dist/store.ts': CLOSE_CLASS, '.cache/store.ts': CLOSE_CLASS }))).toEqual([false, false]);
  });

  it('a thread gets the same entries: names, files, folders and links', () => {
    const dir = project({ 'a/b.ts': PLAIN, 'c.ts': PLAIN });
    fs.symlinkSync(path.join(dir, 'c.ts'), path.join(dir, 'link.ts'));
    const found = discoverFiles({ cwd: dir, paths: ['.'], extensions: ['.ts'], gitignore: true, ignore: [] });
    const back = receiveListings(structuredClone(sendListings(found.listings)));
    const shape = (m: ReadonlyMap<string, readonly { name: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }[]>) =>
      [...m].map(([d, es]) => [d, es.map((e) => [e.name, e.isFile(), e.isDirectory(), e.isSymbolicLink()])]);
    expect(shape(back)).toEqual(shape(found.listings));
    expect(shape(back).find(([d]) => d === dir)?.[1]).toContainEqual(['link.ts', false, false, true]);
  });
});
