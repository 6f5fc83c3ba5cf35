// Helpers that release the connection they are handed on every path where there is one: the path without
// it holds nothing.
exports.giveBack = function giveBack(conn) {
  if (conn != undefined) {
    conn.rollback();
    conn.release();
  }
};

exports.giveBackIfAny = function giveBackIfAny(conn) {
  if (!conn) return;
  conn.release();
};

// Releases first, whatever the query's outcome, inside the promise it returns.
exports.runAndRelease = function runAndRelease(conn, sql) {
  return new Promise((resolve, reject) => {
    conn.query(sql, (err, rows) => {
      conn.release();
      if (err) return reject(err);
      resolve(rows);
    });
  });
};
