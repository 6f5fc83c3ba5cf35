// postgres.js: a reserved connection driving BEGIN / COMMIT by hand, released only on the happy path. When
// the work throws (or the server rejects a statement) the connection stays reserved with its transaction
// open, and the next reserve (or any query on the pool of one) waits for it forever: postgres.js has no
// acquire timeout.
import postgres from 'postgres';

export type Fault = 'none' | 'throw' | 'sql';

const settings = JSON.parse(process.env.LP_TX_SETTINGS ?? '{}');

export const sql = postgres(settings.url, {
  max: 1,
  connect_timeout: 5,
  connection: { application_name: settings.connection?.application_name },
  onnotice: () => {},
});

function failHere(fault: Fault): void {
  if (fault === 'throw') throw new Error('boom: the work failed between the two inserts');
}

// The inserted row is read after the commit: the rewrite has to carry `rows` out of the callback.
export async function placeOrder(table: string, id: number, total: number, fault: Fault): Promise<number> {
  const reserved = await sql.reserve();
  await reserved`BEGIN ISOLATION LEVEL SERIALIZABLE`;
  const rows = await reserved`INSERT INTO ${sql(table)} (id, total) VALUES (${id}, ${total}) RETURNING id, total`;
  failHere(fault);
  if (fault === 'sql') await reserved`SELECT 1/0`;
  await reserved`INSERT INTO ${sql(table)} (id, total) VALUES (${id + 1}, ${rows[0].total * 2})`;
  await reserved`COMMIT`;
  reserved.release();
  return rows[0].id * 1000 + rows[0].total;
}

// Returns the second insert's result itself, used after the commit: an empty row list whose `count` (1) and
// `command` ('INSERT') must reach the caller as they do from the original.
export async function placePair(table: string, id: number, fault: Fault) {
  const reserved = await sql.reserve();
  await reserved`BEGIN`;
  const [first] = await reserved`INSERT INTO ${sql(table)} (id, total) VALUES (${id}, 1) RETURNING id`;
  failHere(fault);
  if (fault === 'sql') await reserved`SELECT 1/0`;
  const second = await reserved`INSERT INTO ${sql(table)} (id, total) VALUES (${first.id + 1}, 2)`;
  await reserved`COMMIT`;
  reserved.release();
  return second;
}
