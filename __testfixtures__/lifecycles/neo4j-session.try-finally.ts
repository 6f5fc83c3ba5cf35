// neo4j-driver >= 5.28.3 disposes a session with close(): native.
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import neo4j from 'neo4j-driver';

const driver = neo4j.driver('neo4j://127.0.0.1', neo4j.auth.basic('neo4j', 'secret'));

export async function friendsOf(name: string) {
  const session = driver.session();
  try {
    const result = await session.run('MATCH (p:Person {name: $name})-[:KNOWS]->(f) RETURN f.name AS name', { name });
    return result.records.map((r) => r.get('name'));
  } finally {
    await session.close();
  }
}
