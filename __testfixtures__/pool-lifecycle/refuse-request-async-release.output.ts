// expect: reported request-async-release
// A MongoDB session per request: endSession() returns a promise, which an Express 'close' listener can
// neither await nor pass on.
import express from 'express';
import { MongoClient } from 'mongodb';

const client = new MongoClient('mongodb://127.0.0.1:27017');
export const app = express();

app.use(async (req, res, next) => {
  req.mongoSession = client.startSession();
  next();
});

app.get('/count', async (req, res) => {
  const n = await client.db('shop').collection('orders').countDocuments({}, { session: req.mongoSession });
  await req.mongoSession!.endSession();
  res.json(n);
});
