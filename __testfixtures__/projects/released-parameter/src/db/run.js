// Runs one statement on the connection its caller checked out and gives it back to the pool, but only when
// the statement succeeded: on an error the connection stays checked out.
function run(conn, sql) {
  return new Promise((resolve, reject) => {
    conn.query(sql, (err, rows) => {
      if (err) {
        reject(err);
      } else {
        resolve(rows);
        conn.release();
      }
    });
  });
}

module.exports = run;
