// expect: reported teardown-in-expression
// The teardown's promise is what the function returns: the caller goes on from it, so removing the call
// would change what the function returns.
import { Pool } from 'pg';

const pool = new Pool();

export function archive(): Promise<void> {
  void pool.query('DELETE FROM sessions WHERE expires < now()');
  return pool.end();
}
