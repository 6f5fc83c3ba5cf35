// expect: reported never-released
// The module makes the client; an async IIFE connects it and does one piece of work; nothing quits it.
const { createClient } = require('redis');

const cache = createClient({ url: process.env.REDIS_URL });

(async () => {
  cache.on('error', (err) => console.error('redis', err));
  await cache.connect();
  const keys = await cache.keys('session:*');
  console.log(keys.length);
})();
