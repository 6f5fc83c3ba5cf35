// File descriptors this code does not own to the end, or already closes on every path: nothing to change and
// nothing to report. openLog() hands the descriptor to its caller at once; LogFile keeps one in a field its
// close() method closes; copyHead() closes in a finally; the callback form `fs.open(path, cb)` is not followed.
import * as fs from 'fs';

export function openLog(file: string): number {
  const fd = fs.openSync(file, 'a');
  return fd;
}

export const openReadOnly = (file: string): number => fs.openSync(file, 'r');

export class LogFile {
  private fd: number;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'a');
  }

  write(line: string): void {
    fs.writeSync(this.fd, `${line}\n`);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

export function copyHead(from: string, to: string, bytes: number): void {
  const fd = fs.openSync(from, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    fs.writeFileSync(to, buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
}

export function touch(file: string, done: (err: Error | null) => void): void {
  fs.open(file, 'a', (err, fd) => {
    if (err) return done(err);
    fs.close(fd, done);
  });
}
