// The caller that keeps its close(): the database lives as long as the server and closes on SIGTERM.
// expect: reported released-in-callback
import { Database } from './database';

export function startServer(): Database {
  const db = new Database();
  process.once('SIGTERM', () => {
    void db.close();
  });
  return db;
}
