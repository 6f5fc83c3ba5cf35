// pg-promise: `db` is made by calling the value `pgp(cn)` returns, which only the checker follows.
import pgPromise from 'pg-promise';

const pgp = pgPromise();
const db = pgp('postgres://postgres@127.0.0.1/postgres');

export async function listening(): Promise<number> {
  const sco = await db.connect();
  const rows = await sco.any('SELECT * FROM pg_listening_channels()');
  sco.done();
  return rows.length;
}
