// postgres.js: the module's one instance, made at its top level, is the process's pool. Exported and ended by
// a shutdown function (or a signal handler) it is no lifecycle of one call: nothing to change or report here
// (pool-lifecycle judges where its end() runs).
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1/test');

export async function findUser(id: number): Promise<unknown> {
  const [user] = await sql`SELECT * FROM users WHERE id = ${id}`;
  return user;
}

export async function closeDatabase(): Promise<void> {
  await sql.end({ timeout: 5 });
}

process.once('SIGTERM', () => {
  void sql.end();
});

export default sql;
