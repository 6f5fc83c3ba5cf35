// A promise over the pool's callback checkout.
function connect(pool) {
  return new Promise((resolve, reject) => {
    pool.getConnection((err, conn) => (err ? reject(err) : resolve(conn)));
  });
}

module.exports = connect;
