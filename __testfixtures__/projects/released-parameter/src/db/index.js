module.exports = {
  connect: require('./connect'),
  run: require('./run'),
  exec: require('./exec'),
  send: require('./send').send,
};
