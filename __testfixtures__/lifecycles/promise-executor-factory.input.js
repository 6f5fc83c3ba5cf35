// expect: reported resolved-after-work
// expect: reported resolved-after-work
// A factory that hands its client out through the promise it returns. `connect` resolves only once the
// client is ready, and its error path rejects without quitting the client: handed to the caller after work
// that can fail (NodeBB's redis connection). `make` hands it out at once: no finding.
const { createClient } = require('redis');

function connect(url) {
  return new Promise((resolve, reject) => {
    let client;
    if (url.startsWith('rediss:')) {
      client = createClient({ url, socket: { tls: true } });
    } else {
      client = createClient({ url });
    }
    client.on('error', (err) => reject(err));
    client.connect().then(() => {
      resolve(client);
    });
  });
}

function make(url) {
  return new Promise((resolve, reject) => {
    const client = createClient({ url });
    client.on('error', reject);
    resolve(client);
  });
}

module.exports = { connect, make };
