// A Node timer has [Symbol.dispose] in its type, but nothing here releases it by hand: no lifecycle of ours.
import { getClient } from './db';

export function debounce(fn: () => void, waitMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(fn, waitMs);
  };
}

export async function ping(): Promise<void> {
  const client = await getClient();
  await client.query('SELECT 1');
  client.release();
}
