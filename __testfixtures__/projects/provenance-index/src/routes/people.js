import connector from '../lib/graph';

export async function people() {
  const session = connector.session();
  const result = await session.run('MATCH (p:Person) RETURN p.name AS name');
  await session.close();
  return result.records.map((r) => r.get('name'));
}
