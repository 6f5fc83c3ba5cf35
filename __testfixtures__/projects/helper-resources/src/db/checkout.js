// Promise wrappers over mysql's callback API, for whichever pool or connection the caller passes.
function checkout(pool) {
  return new Promise((resolve, reject) => {
    pool.getConnection((err, conn) => (err ? reject(err) : resolve(conn)));
  });
}

// Runs one query and gives the connection back to its pool once it succeeded.
function runOnce(conn, sql, values) {
  return new Promise((resolve, reject) => {
    conn.query(sql, values, (err, rows) => {
      if (err) return reject(err);
      conn.release();
      resolve(rows);
    });
  });
}

module.exports = { checkout, runOnce };
