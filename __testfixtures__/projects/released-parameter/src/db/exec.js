// The same shape as run.js, but one caller hands it something that is no pool connection.
function exec(conn, sql) {
  return new Promise((resolve, reject) => {
    conn.query(sql, (err, rows) => {
      if (err) return reject(err);
      resolve(rows);
      conn.release();
    });
  });
}

module.exports = exec;
