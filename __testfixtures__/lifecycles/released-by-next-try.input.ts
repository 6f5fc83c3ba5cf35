// expect: reported used-outside-try
// Opened in a try whose catch always throws, then used in a try of its own that closes it in its finally:
// nothing leaks, so `readHead` gets no finding. `headOrStream` releases only in its second try's catch and
// hands a stream on otherwise: the variable is used outside the try that opens it, as reported.
import { open } from 'node:fs/promises';

export async function readHead(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new Error(`cannot open ${file}: ${String(error)}`);
  }
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    return head;
  } finally {
    await handle.close();
  }
}

export async function headOrStream(file: string) {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new Error(`cannot open ${file}: ${String(error)}`);
  }
  try {
    return handle.createReadStream();
  } catch (error) {
    await handle.close();
    throw error;
  }
}
