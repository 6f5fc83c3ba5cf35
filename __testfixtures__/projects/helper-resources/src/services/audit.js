const { openDb } = require('../db/knex');

// A pool made and destroyed on every call: reported, never moved.
async function auditTrail(orderId) {
  const db = openDb();
  try {
    return await db('audit').where({ order_id: orderId }).orderBy('at');
  } finally {
    await db.destroy();
  }
}

// One instance for the process, made at load: nothing to report.
const shared = openDb();

async function lastAudit(orderId) {
  const rows = await shared('audit').where({ order_id: orderId }).orderBy('at', 'desc').limit(1);
  return rows[0];
}

module.exports = { auditTrail, lastAudit };
