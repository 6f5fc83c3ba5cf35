const pool = require('#db');
const { inTransaction } = require('../lib/tx');

async function placeOrder(order) {
  return inTransaction(pool, (client) => client.query('INSERT INTO orders (sku, qty) VALUES ($1, $2)', [order.sku, order.qty]));
}

module.exports = { placeOrder };
