// A `.release()` on something that is not a database resource is left alone, with no finding.
import { Mutex } from './lib/mutex';

const lock = new Mutex();

export async function critical(work: () => Promise<void>): Promise<void> {
  const release = await lock.acquire();
  await work();
  release();
  const handle = await lock.connect();
  handle.release();
}
