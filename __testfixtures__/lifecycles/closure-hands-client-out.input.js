// expect: reported used-in-closure
// A client assigned to a variable and read only by functions made here. When the object such a function
// builds is returned (`return attach()`), the caller gets the client with it: not this function's to release,
// no finding (createStore). When such a function is kept elsewhere, it may outlive the call: reported as
// used in a closure, not as never released (watch).
const Redis = require('ioredis');

function createStore(options) {
  let client;
  const attach = () => {
    client.on('error', (e) => console.error(e));
    return {
      get: (key) => client.get(key),
      set: (key, value) => client.set(key, value),
    };
  };
  client = new Redis(options);
  return attach();
}

function watch(emitter, options) {
  let client;
  client = new Redis(options);
  emitter.on('tick', () => client.ping());
}

module.exports = { createStore, watch };
