// expect: reported never-released
// A script that connects in a promise chain and never closes the client its first callback receives.
const { MongoClient } = require('mongodb');

MongoClient.connect('mongodb://localhost:27017')
  .then((mongo) => mongo.db('shop').collection('orders').countDocuments())
  .then((n) => console.log(`${n} orders`))
  .catch((err) => console.error(err));
