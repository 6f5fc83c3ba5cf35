// A CommonJS module that exports its pool as the module itself.
const { Pool } = require('pg');

const pool = new Pool({ max: 10 });

module.exports = pool;
