// One pool for the process, handed out as the module itself.
const { Pool } = require('pg');

module.exports = new Pool({ max: 5 });
