// A script written as callbacks: the module's top level starts the work, and the callbacks end the pool
// when it is done so the process can exit. They run once, while the module loads: the ends stay.
import { Pool } from 'pg';

const pool = new Pool();
const archive = new Pool();

pool.query('SELECT count(*)::int AS n FROM orders', (err, res) => {
  if (err) console.error(err);
  else console.log(`${res.rows[0].n} orders`);
  pool.end();
});

archive.connect().then(async (client) => {
  await client.query('VACUUM orders_archive');
  client.release();
  await archive.end();
});
