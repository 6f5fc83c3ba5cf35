// A module's client connected, then a try whose catch only logs, then the end: every path after the connect
// reaches the end, so it is safe as written.
const { Client } = require('pg');

const client = new Client();

async function clearTables() {
  return client.query('TRUNCATE teams');
}

module.exports.seed = async () => {
  await client.connect();
  try {
    const cleared = await clearTables();
    console.log(cleared.command);
  } catch (err) {
    console.log(err.stack);
  }
  await client.end();
};
