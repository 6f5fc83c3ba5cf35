// The caller that keeps its close(): the database lives as long as the server and closes on SIGTERM, so it
// is no lifecycle of one call: no finding.
import { Database } from './database';

export function startServer(): Database {
  const db = new Database();
  process.once('SIGTERM', () => {
    void db.close();
  });
  return db;
}
