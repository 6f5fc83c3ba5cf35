// Values the work declares that the code after the release reads are declared before the try and assigned
// inside it (`let id;`), but a declaration of constants only (`const personName = 'Alice'`), which can
// neither throw nor read what the work makes, moves before the try as written and stays `const`.
// expect[try-finally,auto]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[await-using]: reported using-unsupported
const { Client } = require('pg');
const { withSession } = require('./lib/with-session.cjs');

async function createPerson(log) {
  const { personName, greeting, retries, id } = await withSession(async () => {
    const client = new Client();
    await client.connect();
    return client;
  }, (client) => client.end(), async (client) => {
    const personName = 'Alice';
    const greeting = `hello`, retries = -1;
    const result = await client.query('INSERT INTO people (name) VALUES ($1) RETURNING id', [personName]);
    const id = result.rows[0].id;
    return { personName, greeting, retries, id };
  });
  await log(`${greeting} ${personName} (${retries}) is ${id}`);
}

module.exports = { createPerson };
