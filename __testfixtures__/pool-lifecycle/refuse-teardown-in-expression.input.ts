// expect: reported teardown-in-expression
// The teardown's promise is what the function returns: removing the call would change the return value.
import { Pool } from 'pg';

const pool = new Pool();

export function finish(): Promise<void> {
  return pool.end();
}
