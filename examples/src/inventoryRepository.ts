// Stock levels live in the warehouse's MySQL database, which this service reaches through its own pool.
import mysql, { type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';

const pool = mysql.createPool({
  host: process.env.WAREHOUSE_DB_HOST ?? 'localhost',
  user: process.env.WAREHOUSE_DB_USER ?? 'orders',
  password: process.env.WAREHOUSE_DB_PASSWORD,
  database: 'warehouse',
  connectionLimit: 5,
  waitForConnections: true,
});

export interface StockLevel {
  sku: string;
  available: number;
  reserved: number;
}

interface StockRow extends RowDataPacket {
  sku: string;
  available: number;
  reserved: number;
}

export class OutOfStockError extends Error {
  constructor(readonly sku: string) {
    super(`not enough stock for ${sku}`);
  }
}

/** Stock of some SKUs. A failing query leaves the connection checked out forever. */
export async function getStockLevels(skus: string[]): Promise<StockLevel[]> {
  if (skus.length === 0) return [];
  const conn = await pool.getConnection();
  const [rows] = await conn.query<StockRow[]>(
    'SELECT sku, available, reserved FROM stock WHERE sku IN (?) ORDER BY sku',
    [skus],
  );
  conn.release();
  return rows.map((r) => ({ sku: r.sku, available: r.available, reserved: r.reserved }));
}

/** Reserves stock for an order's lines, all or nothing. */
export async function reserveStock(orderId: number, lines: { sku: string; quantity: number }[]): Promise<void> {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  try {
    for (const line of lines) {
      const [res] = await conn.execute<ResultSetHeader>(
        'UPDATE stock SET available = available - ?, reserved = reserved + ? WHERE sku = ? AND available >= ?',
        [line.quantity, line.quantity, line.sku, line.quantity],
      );
      if (res.affectedRows !== 1) throw new OutOfStockError(line.sku);
      await conn.execute(
        'INSERT INTO reservations (order_id, sku, quantity) VALUES (?, ?, ?)',
        [orderId, line.sku, line.quantity],
      );
    }
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  }
  conn.release();
}

/**
 * Releases the reservations of a cancelled order. The connection goes back to the pool only when
 * there was something to release: must be reported, not rewritten.
 */
export async function releaseReservations(orderId: number): Promise<number> {
  const conn = await pool.getConnection();
  const [res] = await conn.execute<ResultSetHeader>(
    `UPDATE stock s
       JOIN reservations r ON r.sku = s.sku
        SET s.available = s.available + r.quantity, s.reserved = s.reserved - r.quantity
      WHERE r.order_id = ?`,
    [orderId],
  );
  if (res.affectedRows > 0) {
    await conn.execute('DELETE FROM reservations WHERE order_id = ?', [orderId]);
    conn.release();
  }
  return res.affectedRows;
}
