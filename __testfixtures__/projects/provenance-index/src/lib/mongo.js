const { MongoClient } = require('mongodb');

function mongoClient() {
  return new MongoClient(process.env.MONGO_URL);
}

module.exports = { mongoClient };
