// Payments, through TypeORM query runners on the shared data source.
import { dataSource } from './db';

export interface PaymentRequest {
  orderId: number;
  amountCents: number;
  currency: 'EUR' | 'USD' | 'GBP';
  providerReference: string;
}

export class PaymentMismatchError extends Error {}

/**
 * Records a captured payment and marks the order as paid, in one transaction. Already safe: the runner is
 * released in `finally` and the catch rolls back, so it stays as written (`--modernize` would restate it).
 */
export async function capturePayment(req: PaymentRequest): Promise<number> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await queryRunner.startTransaction();
    const [order] = await queryRunner.query(
      'SELECT total_cents FROM orders WHERE id = $1 FOR UPDATE',
      [req.orderId],
    );
    if (!order || Number(order.total_cents) !== req.amountCents) {
      throw new PaymentMismatchError(`order ${req.orderId}: amount does not match`);
    }
    const [payment] = await queryRunner.query(
      `INSERT INTO payments (order_id, amount_cents, currency, provider_reference, captured_at)
       VALUES ($1, $2, $3, $4, now())
       RETURNING id`,
      [req.orderId, req.amountCents, req.currency, req.providerReference],
    );
    await queryRunner.query("UPDATE orders SET status = 'paid', updated_at = now() WHERE id = $1", [req.orderId]);
    await queryRunner.commitTransaction();
    return payment.id as number;
  } catch (err) {
    await queryRunner.rollbackTransaction();
    throw err;
  } finally {
    await queryRunner.release();
  }
}

/** Payments of an order. A failing query leaks the runner's connection. */
export async function paymentsForOrder(orderId: number): Promise<{ id: number; amountCents: number }[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  const rows: { id: number; amount_cents: string }[] = await queryRunner.query(
    'SELECT id, amount_cents FROM payments WHERE order_id = $1 ORDER BY captured_at',
    [orderId],
  );
  await queryRunner.release();
  return rows.map((r) => ({ id: r.id, amountCents: Number(r.amount_cents) }));
}

/**
 * Refunds a payment. The transaction is committed on the happy path only: a failing query leaves the
 * runner checked out inside an open transaction, so a release alone would hand that transaction back to
 * the pool. TypeORM's own `dataSource.transaction()` commits, rolls back on error, and releases.
 */
export async function refundPayment(paymentId: number, amountCents: number): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.query('INSERT INTO refunds (payment_id, amount_cents, refunded_at) VALUES ($1, $2, now())', [
    paymentId,
    amountCents,
  ]);
  await queryRunner.query("UPDATE payments SET status = 'refunded' WHERE id = $1", [paymentId]);
  await queryRunner.commitTransaction();
  await queryRunner.release();
}
