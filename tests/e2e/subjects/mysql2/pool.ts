import mysql from 'mysql2/promise';
import { run } from '../run';

// mysql2 has no acquire timeout: the harness races every call against a timer instead.
export const pool = mysql.createPool({
  host: process.env.MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.MYSQL_PORT ?? 3306),
  user: process.env.MYSQL_USER ?? 'root',
  password: process.env.MYSQL_PASSWORD ?? '',
  database: process.env.MYSQL_DATABASE ?? 'test',
  connectionLimit: 2,
  maxIdle: 2,
  connectTimeout: run.acquireTimeoutMs * 10,
});
