// neo4j-driver 1.x: the API lives under `v1`; a session is closed with close(), here only on the happy path.
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
const neo4j = require('neo4j-driver').v1;

const driver = neo4j.driver('bolt://127.0.0.1', neo4j.auth.basic('neo4j', 'secret'));

async function friendsOf(name) {
  const session = driver.session();
  const result = await session.run('MATCH (p:Person {name: $name})-[:KNOWS]->(f) RETURN f.name AS name', { name });
  session.close();
  return result.records.map((r) => r.get('name'));
}

module.exports = { friendsOf };
