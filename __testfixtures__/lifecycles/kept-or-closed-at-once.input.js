// expect: reported stored-in-field
// Where a client goes decides what to say (mongoose's own driver code): assigned in a try and then stored
// on the object, it is the object's (stored-in-field, as for one declared and stored); made at load inside
// what the module exports, it lives with the module; closed by the very call after its acquire, it is
// released at once. Only the first is reported.
const mongodb = require('mongodb');
const mongoose = require('mongoose');

function NativeConnection() {}

NativeConnection.prototype.openUri = async function (uri, options) {
  let client;
  try {
    client = new mongodb.MongoClient(uri, options);
  } catch (error) {
    this.readyState = 0;
    throw error;
  }
  this.client = client;
  await client.connect();
  return this;
};

async function closedAtOnce(uri) {
  await mongoose.createConnection(uri).close();
}

module.exports = { NativeConnection, closedAtOnce, shared: new mongodb.MongoClient('mongodb://localhost/app') };
