// Node's synchronous file descriptors: `fs.openSync()` returns a number that stays open until
// `fs.closeSync(fd)`, a release that takes the resource as its argument. The fd's own work goes through
// the module's functions (`fs.writeSync(fd, …)`), which are uses. A failed write leaks the descriptor. A number
// has no disposer: auto writes try/finally (`--style await-using` asked for `using`: an adapter calls
// closeSync()), and a synchronous function takes no callback.
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[await-using]: fixed fixed-adapter
// expect[await-using]: fixed fixed-adapter
// expect[with-session]: reported callback-needs-async
// expect[with-session]: reported callback-needs-async
import fs from 'node:fs';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export function appendEntry(file: string, entry: Record<string, unknown>): void {
  const fd = fs.openSync(file, 'a');
  fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
  fs.closeSync(fd);
}

export function readMagic(file: string): { magic: string; size: number } {
  const handle = openSync(file, 'r');
  const buffer = Buffer.alloc(4);
  readSync(handle, buffer, 0, 4, 0);
  const { size } = fstatSync(handle);
  closeSync(handle);
  return { magic: buffer.toString('hex'), size };
}
