// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A tail that reads nothing of the work stays after the awaited release, as written: moved into the try it
// would print before end() is done, and print when end() fails (pg-boss's scripts/seed-queue-stats.js).
import { Client } from 'pg';

const DB = 'reports';

export async function recreate(): Promise<boolean> {
  const admin = new Client({ database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  console.log(`recreated database "${DB}"`);
  return true;
}
