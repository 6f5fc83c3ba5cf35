import mariadb from 'mariadb';
import { run } from '../run';

export const pool = mariadb.createPool({
  host: process.env.MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.MYSQL_PORT ?? 3306),
  user: process.env.MYSQL_USER ?? 'root',
  password: process.env.MYSQL_PASSWORD ?? '',
  database: process.env.MYSQL_DATABASE ?? 'test',
  connectionLimit: 2,
  acquireTimeout: run.acquireTimeoutMs,
});
