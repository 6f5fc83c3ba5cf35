// expect: reported returned-on-some-paths
// A factory that hands the session to its caller only when a check passes, with nothing that can throw on the
// way to that `return`: what leaves the session open is the path that throws instead, not work before the
// return. Reported with that reason (not returned-after-work).
const neo4j = require('neo4j-driver');

const driver = neo4j.driver('neo4j://localhost:7687');

async function openSession(mode) {
  const session = driver.session({ defaultAccessMode: mode });
  if (mode === neo4j.session.WRITE || mode === neo4j.session.READ) {
    return session;
  }
  throw new Error(`unknown access mode ${mode}`);
}

module.exports = { openSession };
