// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A `return` inside a callback hands the callback's value to whoever calls it (here Promise.all, awaited):
// it is not a return out of the lifecycle's function, and stays as written (an `await` there would not
// even parse in a callback that is not async).
import pg from 'pg';

export async function dropDatabases(config: pg.ClientConfig, names: string[]) {
  const client = new pg.Client(config);
  await client.connect();
  await using _releaseClient = { [Symbol.asyncDispose]: async () => { await client.end(); } };
  await Promise.all(
    names.map((name) => {
      return client.query(`DROP DATABASE ${name}`);
    }),
  );
}
