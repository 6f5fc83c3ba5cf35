// A worker that loops for ever: the client serves the whole run, by design.
const { createClient } = require('redis');

const queue = createClient();

async function work() {
  await queue.connect();
  while (true) {
    const job = await queue.blPop('jobs', 0);
    console.log(job);
  }
}

work();
