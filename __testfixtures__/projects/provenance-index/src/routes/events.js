const { mongoClient } = require('../lib/mongo');

async function recentEvents() {
  const client = mongoClient();
  await client.connect();
  const events = await client.db('app').collection('events').find().limit(10).toArray();
  await client.close();
  return events;
}

module.exports = { recentEvents };
