// A client that is made but never connected holds nothing: no lifecycle, nothing to report.
const assert = require('assert');
const { Client } = require('pg');

assert.ok(new Client());
module.exports = { make: () => [new Client({ user: 'app' })] };
