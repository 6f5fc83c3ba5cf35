// expect: reported provenance-unknown
// expect: reported provenance-unknown
// The project module these come from is not there (not committed, or made by a build step): nothing says
// what openSession() and store.checkout() hand out, nor that close()/release() releases it. Each call is
// skipped when the work before it throws, so the lifecycle is reported, and nothing is rewritten on a guess.
const { openSession } = require('./generated/session-store');
const store = require('./generated/checkout-store');

async function countTeams() {
  const session = await openSession();
  const n = await session.count('teams');
  await session.close();
  return n;
}

async function reserve(sku) {
  const item = await store.checkout(sku);
  await item.mark('reserved');
  item.release();
}

module.exports = { countTeams, reserve };
