// Shared database handles. Created once at start-up; the pools hand out connections per request.
import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
import { DataSource } from 'typeorm';

/** Primary Postgres pool: orders, customers, payments. */
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL ?? 'postgres://orders:orders@localhost:5432/orders',
  max: Number(process.env.PG_POOL_SIZE ?? 10),
  idleTimeoutMillis: 30_000,
});

/** Audit trail lives in MongoDB. */
export const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017', {
  maxPoolSize: 20,
});
export const auditDb = mongo.db('audit');

/** Payments use TypeORM on the same Postgres database. */
export const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL ?? 'postgres://orders:orders@localhost:5432/orders',
  entities: [],
  synchronize: false,
});

export async function connectAll(): Promise<void> {
  await mongo.connect();
  await dataSource.initialize();
}

/** Called on SIGTERM: drain the pools so in-flight requests can finish. */
export async function shutdown(): Promise<void> {
  await Promise.allSettled([pool.end(), mongo.close(), dataSource.destroy()]);
}
