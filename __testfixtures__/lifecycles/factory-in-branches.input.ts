// A factory that connects in one of two branches and returns the client: nothing runs after the connect
// on either path, so the caller gets it on every path and there is no finding (n8n's connectMongoClient:
// the other branch's connect lies between them in the text, not on the path).
import { MongoClient } from 'mongodb';

export async function connectMongoClient(url: string, tls: boolean, appName: string): Promise<MongoClient> {
  let client: MongoClient;
  const driverInfo = { name: appName, version: '1.0.0' };
  if (tls) {
    const options = { tls: true, driverInfo };
    client = await MongoClient.connect(url, options);
  } else {
    client = await MongoClient.connect(url, { driverInfo });
  }
  return client;
}
