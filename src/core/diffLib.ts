// The `diff` library, loaded with the first edit: most runs, and most threads, change no file.
type DiffLib = typeof import('diff');
let lib: DiffLib | null = null;

export function diffLib(): DiffLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('diff') as DiffLib);
}
