// The promise chain keeps the client in a module variable another part of the program reads.
const { MongoClient } = require('mongodb');
const { setClient } = require('./registry');

MongoClient.connect('mongodb://localhost:27017').then((mongo) => setClient(mongo));
