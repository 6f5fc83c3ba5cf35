// expect: reported context-unknown
// A module that is a library and a script at once. Started directly, it prunes and exits: prune() is what
// the main-module block calls, and its end() stays. countEvents() is exported too, but a module that starts
// work when it is run is an entry point, so whether countEvents() runs once or per call cannot be told.
import { Pool } from 'pg';

const pool = new Pool();

export async function prune(days: number): Promise<number> {
  const { rowCount } = await pool.query("DELETE FROM events WHERE at < now() - $1 * interval '1 day'", [days]);
  await pool.end();
  return rowCount ?? 0;
}

export async function countEvents(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  await pool.end();
  return rows[0].n;
}

if (require.main === module) {
  void prune(Number(process.argv[2] ?? 30)).then((n) => console.log(`${n} events pruned`));
}
