// A module whose top level assigns its client to a module variable (Next.js's with-mongodb example: a global
// kept across hot reloads in development, one client per process otherwise) and exports the connecting
// promise: the process keeps the client, as one declared there with `const`. Not a lifecycle: no finding.
import { MongoClient } from 'mongodb';

const uri = process.env.MONGODB_URI;
const options = {};

let client;
let clientPromise;

if (process.env.NODE_ENV === 'development') {
  if (!global._mongoClientPromise) {
    client = new MongoClient(uri, options);
    global._mongoClientPromise = client.connect();
  }
  clientPromise = global._mongoClientPromise;
} else {
  client = new MongoClient(uri, options);
  clientPromise = client.connect();
}

export default clientPromise;
