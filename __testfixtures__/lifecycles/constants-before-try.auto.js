// Values the work declares that the code after the release reads are declared before the try and assigned
// inside it (`let id;`), but a declaration of constants only (`const personName = 'Alice'`), which can
// neither throw nor read what the work makes, moves before the try as written and stays `const`.
// expect[try-finally,auto]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[await-using]: reported using-unsupported
const { Client } = require('pg');

async function createPerson(log) {
  const client = new Client();
  await client.connect();
  const personName = 'Alice';
  const greeting = `hello`, retries = -1;
  let id;
  try {
    const result = await client.query('INSERT INTO people (name) VALUES ($1) RETURNING id', [personName]);
    id = result.rows[0].id;
  } finally {
    await client.end();
  }
  await log(`${greeting} ${personName} (${retries}) is ${id}`);
}

module.exports = { createPerson };
