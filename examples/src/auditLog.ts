// Append-only audit trail in MongoDB. Events of one order are written in a session so they stay ordered.
import type { ClientSession } from 'mongodb';
import { auditDb, mongo } from './db';

export interface AuditEvent {
  orderId: number;
  type: 'created' | 'paid' | 'cancelled' | 'shipped';
  actor: string;
  at: Date;
  details?: Record<string, unknown>;
}

const events = auditDb.collection<AuditEvent>('order_events');
const counters = auditDb.collection<{ _id: string; seq: number }>('counters');

async function nextSequence(name: string, session: ClientSession): Promise<number> {
  const doc = await counters.findOneAndUpdate(
    { _id: name },
    { $inc: { seq: 1 } },
    { upsert: true, returnDocument: 'after', session },
  );
  return doc?.seq ?? 1;
}

/** Records one event. If the insert fails, the session is never ended. */
export async function recordEvent(event: AuditEvent): Promise<void> {
  const session = mongo.startSession();
  await events.insertOne(event, { session });
  await session.endSession();
}

/** Records several events with consecutive sequence numbers, in one transaction. */
export async function recordEvents(batch: AuditEvent[]): Promise<number[]> {
  const session = mongo.startSession();
  session.startTransaction({ writeConcern: { w: 'majority' } });
  const seqs: number[] = [];
  try {
    for (const event of batch) {
      const seq = await nextSequence('order_events', session);
      await events.insertOne({ ...event, details: { ...event.details, seq } }, { session });
      seqs.push(seq);
    }
    await session.commitTransaction();
  } catch (err) {
    await session.abortTransaction();
    throw err;
  }
  await session.endSession();
  return seqs;
}

/** Full history of an order, oldest first. */
export async function orderHistory(orderId: number): Promise<AuditEvent[]> {
  const session = mongo.startSession({ causalConsistency: true });
  const history = await events.find({ orderId }, { session }).sort({ at: 1 }).toArray();
  await session.endSession();
  return history;
}
