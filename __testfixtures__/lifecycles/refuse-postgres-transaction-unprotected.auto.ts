// expect[await-using,try-finally]: reported transaction-unprotected
// expect[auto,with-session]: fixed fixed-callback-api
// BEGIN sent through the reserved connection with no ROLLBACK on failure: a release alone would hand back
// a connection inside an open transaction (the with-session style maps it onto sql.begin instead).
import postgres from 'postgres';

const sql = postgres('postgres://postgres@127.0.0.1/test');

export async function archive(id: number): Promise<void> {
  await sql.begin(async (reserved) => {
    await reserved`INSERT INTO archive SELECT * FROM orders WHERE id = ${id}`;
    await reserved`DELETE FROM orders WHERE id = ${id}`;
  });
}
