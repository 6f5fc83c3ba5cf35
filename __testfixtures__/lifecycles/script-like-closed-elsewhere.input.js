// The script closes the client under another name: it is released.
const { MongoClient } = require('mongodb');

const mongo = new MongoClient('mongodb://localhost:27017');

async function main() {
  await mongo.connect();
  const same = mongo;
  console.log(await same.db('shop').collection('orders').countDocuments());
  await same.close();
}

main();
