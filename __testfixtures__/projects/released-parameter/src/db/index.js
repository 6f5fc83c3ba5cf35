module.exports = {
  connect: require('./connect'),
  run: require('./run'),
  exec: require('./exec'),
  send: require('./send').send,
  giveBack: require('./giveBack').giveBack,
  giveBackIfAny: require('./giveBack').giveBackIfAny,
  runAndRelease: require('./giveBack').runAndRelease,
};
