// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A tail that reads nothing of the work stays after the awaited release, as written: moved into the try it
// would print before end() is done, and print when end() fails (pg-boss's scripts/seed-queue-stats.js).
import { Client } from 'pg';
import { withSession } from './lib/with-session';

const DB = 'reports';

export async function recreate(): Promise<boolean> {
  await withSession(async () => {
    const admin = new Client({ database: 'postgres' });
    await admin.connect();
    return admin;
  }, (admin) => admin.end(), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.query(`CREATE DATABASE ${DB}`);
  });
  console.log(`recreated database "${DB}"`);
  return true;
}
