// A file descriptor is a number: its type names no library, so the catalogue says `fs.openSync()` opened it.
import * as fs from 'node:fs';

export function appendLine(file: string, line: string): void {
  const fd = fs.openSync(file, 'a');
  fs.writeSync(fd, `${line}\n`);
  fs.closeSync(fd);
}
