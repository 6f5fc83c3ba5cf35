// fs/promises FileHandle disposes with close() from Node 20.4; this package requires Node >= 20.19.
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { open } from 'node:fs/promises';
import { withSession } from './lib/with-session';

export async function firstLine(path: string): Promise<string> {
  return await withSession(() => open(path, 'r'), (file) => file.close(), async (file) => {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(256), 0, 256, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0];
  });
}
