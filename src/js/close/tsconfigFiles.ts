// The close plan's project: the files a tsconfig takes in, read with the compiler itself (its own include,
// exclude and extends rules). The folders it walks come from the run's discovery where discovery listed them
// (the compiler matches the same entries it would have read; typeorm: half of the 0.3 s the read took).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Morph from 'ts-morph';
import type { Listings } from '../../core/listings';
import { readDir } from '../project/sourceFiles';

type Ts = typeof Morph.ts;

/**
 * The TypeScript that ts-morph bundles (the same object as its `ts`), without ts-morph itself: reading the
 * tsconfig and the syntax-only verdict of certain.ts need no project (~25 ms of load saved when that settles it).
 */
export function typescript(): Ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@ts-morph/common') as typeof import('@ts-morph/common')).ts as Ts;
}

export interface TsconfigFiles {
  /** The project's own source files: no declarations, nothing under node_modules. */
  fileNames: string[];
  allowJs: boolean;
  options: Morph.ts.CompilerOptions;
  /** It refers to other projects. */
  references: boolean;
}

/** The project's own source files, and whether it compiles JavaScript. */
export function projectFiles(tsconfig: string, listings?: Listings): TsconfigFiles {
  if (readAhead?.tsconfig === tsconfig) {
    const { files } = readAhead;
    readAhead = null;
    return files;
  }
  const ts = typescript();
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, ' '));
  const host = listings?.size ? listedHost(ts, listings) : ts.sys;
  const parsed = ts.parseJsonConfigFileContent(read.config, host, path.dirname(tsconfig), undefined, tsconfig);
  const fileNames = parsed.fileNames.filter((f) => !/\.d\.[cm]?ts$/.test(f) && !/[\\/]node_modules[\\/]/.test(f)).map((f) => path.resolve(f));
  return { fileNames, allowJs: !!parsed.options.allowJs, options: parsed.options, references: (parsed.projectReferences?.length ?? 0) > 0 };
}

/**
 * A tsconfig's files, read ahead in the close plan's thread while the runner still reads the run's files
 * (prepass.ts's warmUp; it loads the compiler too): the plan of that tsconfig takes them, once.
 */
let readAhead: { tsconfig: string; files: TsconfigFiles } | null = null;
export function readProjectFilesAhead(tsconfig: string, listings?: Listings): void {
  readAhead = null;
  readAhead = { tsconfig, files: projectFiles(tsconfig, listings) };
}

/** ts.sys, but a folder's entries come from the run's listings where discovery read it. */
function listedHost(ts: Ts, listings: Listings): Morph.ts.ParseConfigHost {
  const sys = ts.sys;
  // What ts.sys's own readDirectory reads of a folder: its files and folders by name, sorted, a link as what it points to.
  const entries = (dir: string): { files: string[]; directories: string[] } => {
    const abs = path.resolve(dir || '.');
    const listed = listings.get(abs);
    const files: string[] = [];
    const directories: string[] = [];
    for (const e of listed ?? readDir(abs) ?? []) {
      if (e.name === '.' || e.name === '..') continue;
      let file = e.isFile();
      let directory = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(path.join(abs, e.name));
          file = st.isFile();
          directory = st.isDirectory();
        } catch {
          continue;
        }
      }
      if (file) files.push(e.name);
      else if (directory) directories.push(e.name);
    }
    files.sort();
    directories.sort();
    return { files, directories };
  };
  // (matchFiles is the function ts.sys.readDirectory calls, given the way to read a folder.)
  const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;
  if (typeof matchFiles !== 'function') return sys;
  return {
    useCaseSensitiveFileNames: sys.useCaseSensitiveFileNames,
    fileExists: (f) => sys.fileExists(f),
    readFile: (f) => sys.readFile(f),
    readDirectory: (root, extensions, excludes, includes, depth) =>
      matchFiles(root, extensions, excludes, includes, sys.useCaseSensitiveFileNames, sys.getCurrentDirectory(), depth, entries, (p) => (sys.realpath ? sys.realpath(p) : p)),
  };
}

type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: readonly string[]; directories: readonly string[] },
  realpath: (path: string) => string,
) => string[];
