import { Pool } from 'pg';
import { run } from '../run';

// PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, with the defaults of `npm run services`.
export const pool = new Pool({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: process.env.PGDATABASE ?? 'test',
  password: process.env.PGPASSWORD,
  max: 2,
  connectionTimeoutMillis: run.acquireTimeoutMs,
  idleTimeoutMillis: 0,
  application_name: run.tag,
});
