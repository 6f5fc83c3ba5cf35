// The same client in a file that also starts a server: it is the process's, kept for the requests.
// Not a one-shot script, nothing to report.
const http = require('http');
const { Client } = require('pg');

const client = new Client();

async function main() {
  await client.connect();
  const { rows } = await client.query('SELECT 1 AS ok');
  console.log(rows[0].ok);
}

main();
http.createServer((req, res) => res.end('ok')).listen(8080);
