// A subscriber waits for messages for as long as the process runs: its client is meant to stay open.
const { createClient } = require('redis');

const sub = createClient();

(async () => {
  await sub.connect();
  await sub.subscribe('events', (message) => console.log(message));
})();
