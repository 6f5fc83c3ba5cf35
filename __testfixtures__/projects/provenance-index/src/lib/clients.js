import pool from '#db';

// Hands a pooled client to the caller, who releases it.
export function getClient() {
  return pool.connect();
}
