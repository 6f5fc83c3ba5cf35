// Orders in Postgres. Every function borrows a client from the shared pool in ./db.
import type { QueryResult } from 'pg';
import { pool } from './db';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: number;
  customerId: number;
  status: 'pending' | 'paid' | 'shipped' | 'cancelled';
  totalCents: number;
  createdAt: Date;
}

interface OrderRow {
  id: number;
  customer_id: number;
  status: Order['status'];
  total_cents: string;
  created_at: Date;
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    totalCents: Number(row.total_cents),
    createdAt: row.created_at,
  };
}

/** One order by id. If the query throws, the client is never released. */
export async function findOrder(id: number): Promise<Order | null> {
  const client = await pool.connect();
  const res = await client.query<OrderRow>(
    'SELECT id, customer_id, status, total_cents, created_at FROM orders WHERE id = $1',
    [id],
  );
  client.release();
  return res.rows.length > 0 ? toOrder(res.rows[0]) : null;
}

/** Recent orders of a customer. The early return for unknown customers skips the release. */
export async function listOrdersForCustomer(customerId: number, limit = 20): Promise<Order[]> {
  const client = await pool.connect();
  const customer = await client.query('SELECT 1 FROM customers WHERE id = $1', [customerId]);
  if (customer.rowCount === 0) {
    return [];
  }
  const res = await client.query<OrderRow>(
    `SELECT id, customer_id, status, total_cents, created_at
       FROM orders
      WHERE customer_id = $1
      ORDER BY created_at DESC
      LIMIT $2`,
    [customerId, limit],
  );
  client.release();
  return res.rows.map(toOrder);
}

/**
 * Open orders per status. The finally releases the client before the returned query has run: the
 * promise is returned, not awaited.
 */
export async function openOrderCounts(): Promise<QueryResult<{ status: string; n: string }>> {
  const client = await pool.connect();
  try {
    return client.query(
      "SELECT status, count(*) AS n FROM orders WHERE status IN ('pending', 'paid') GROUP BY status",
    );
  } finally {
    client.release();
  }
}

/** Creates an order and its lines in one transaction. */
export async function createOrder(customerId: number, lines: OrderLine[]): Promise<number> {
  const client = await pool.connect();
  let orderId: number;
  try {
    await client.query('BEGIN');
    const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
    const inserted = await client.query<{ id: number }>(
      "INSERT INTO orders (customer_id, status, total_cents) VALUES ($1, 'pending', $2) RETURNING id",
      [customerId, total],
    );
    orderId = inserted.rows[0].id;
    for (const line of lines) {
      await client.query(
        'INSERT INTO order_lines (order_id, sku, quantity, unit_price_cents) VALUES ($1, $2, $3, $4)',
        [orderId, line.sku, line.quantity, line.unitPriceCents],
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    throw err;
  }
  client.release();
  return orderId;
}

/** Marks an order as cancelled; a failed UPDATE leaks the client. */
export async function cancelOrder(id: number, reason: string): Promise<boolean> {
  const client = await pool.connect();
  const res = await client.query(
    "UPDATE orders SET status = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1 AND status = 'pending'",
    [id, reason],
  );
  client.release();
  return res.rowCount === 1;
}
