// expect: reported use-not-awaited
// Closed in a finally, so every path closes it, but the write is not awaited: the close can run while the
// write is still pending, and its failure goes unseen. Safe-looking code with a real race: reported.
import { open, type FileHandle } from 'node:fs/promises';

export async function saveReport(path: string, text: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'w');
    handle.writeFile(text);
  } finally {
    if (handle !== undefined) await handle.close();
  }
}
