// A CLI: main() runs once and the process exits after it, so its pool.end() is right and stays.
import { Pool } from 'pg';

const pool = new Pool();

async function main(): Promise<void> {
  await pool.query('VACUUM ANALYZE orders');
  await pool.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
