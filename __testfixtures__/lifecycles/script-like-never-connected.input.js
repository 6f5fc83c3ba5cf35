// A client made at load but never connected holds nothing: nothing to release.
const { Client } = require('pg');

const client = new Client();

console.log(client.database);
