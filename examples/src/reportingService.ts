// Reporting queries run against a read replica with its own small pool. Every lifecycle here hands the
// client's fate to someone else: leakproof must report these, not rewrite them.
import { Pool, type PoolClient } from 'pg';

const pool = new Pool({
  connectionString: process.env.REPLICA_URL ?? 'postgres://reports:reports@localhost:5433/orders',
  max: 4,
  statement_timeout: 60_000,
});

/** Gives the caller a client for a long export; the caller must release it. */
export async function getReportingClient(): Promise<PoolClient> {
  const client = await pool.connect();
  await client.query("SET application_name = 'orders-reporting'");
  return client;
}

/** Daily revenue. A failed query destroys the client (`release(err)`) instead of reusing it. */
export async function dailyRevenue(days: number): Promise<{ day: string; revenueCents: number }[]> {
  const client = await pool.connect();
  try {
    const res = await client.query<{ day: string; revenue_cents: string }>(
      `SELECT date_trunc('day', captured_at)::date::text AS day, sum(amount_cents) AS revenue_cents
         FROM payments
        WHERE captured_at > now() - make_interval(days => $1)
        GROUP BY 1
        ORDER BY 1`,
      [days],
    );
    client.release();
    return res.rows.map((r) => ({ day: r.day, revenueCents: Number(r.revenue_cents) }));
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
}

/** A report built in several steps that share one client, kept in a field between calls and released by close(): the object owns it. */
export class ReportSession {
  private client: PoolClient | null = null;

  async open(): Promise<void> {
    this.client = await pool.connect();
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async topCustomers(limit: number): Promise<{ customerId: number; orders: number }[]> {
    if (!this.client) throw new Error('report session is not open');
    const res = await this.client.query<{ customer_id: number; orders: string }>(
      'SELECT customer_id, count(*) AS orders FROM orders GROUP BY customer_id ORDER BY 2 DESC LIMIT $1',
      [limit],
    );
    return res.rows.map((r) => ({ customerId: r.customer_id, orders: Number(r.orders) }));
  }

  async close(): Promise<void> {
    if (!this.client) return;
    await this.client.query('COMMIT');
    this.client.release();
    this.client = null;
  }
}
