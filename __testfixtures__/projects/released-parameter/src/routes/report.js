import pool from '../pg/pool.js';
import { settle } from '../pg/index.js';

export async function report() {
  const client = await pool.connect();
  return settle(client, 'SELECT 1');
}
