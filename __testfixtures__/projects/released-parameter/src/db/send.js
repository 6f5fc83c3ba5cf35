// The same shape again, re-exported through the index, where one importer hands the function on.
function send(conn, sql) {
  return new Promise((resolve, reject) => {
    conn.query(sql, (err, rows) => {
      if (err) return reject(err);
      resolve(rows);
      conn.release();
    });
  });
}

exports.send = send;
