const pool = require('./mysql-pool');
const { checkout } = require('./checkout');

function begin(conn) {
  return new Promise((resolve, reject) => {
    conn.beginTransaction((err) => (err ? reject(err) : resolve(conn)));
  });
}

// Hands out a connection with a transaction begun: the caller commits or rolls back, then releases it.
const sessions = {
  async open() {
    let conn = await checkout(pool);
    conn = await begin(conn);
    return conn;
  },
};

module.exports = sessions;
