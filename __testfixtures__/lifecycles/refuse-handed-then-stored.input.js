// expect: reported stored-in-object
// expect: reported stored-in-object
// expect: reported passed-to-function
// A descriptor handed to a function that may keep it, then kept in a cache: the reason is where it is kept,
// not the call that only may keep it; put in a collection (an array's push, a Map's set), it is kept there.
// Handed on and nothing more: that call is the reason.
const fs = require('fs');

const cache = {};

function readHeader(fd) {
  const buf = Buffer.alloc(8);
  fs.readSync(fd, buf, 0, 8, 0);
  return buf;
}

function open(archive) {
  const fd = fs.openSync(archive, 'r');
  const header = readHeader(fd);
  cache[archive] = { fd, header };
  return header;
}

function peek(archive, keep) {
  const fd = fs.openSync(archive, 'r');
  keep(fd);
  fs.closeSync(fd);
}

const opened = [];

function track(archive) {
  const fd = fs.openSync(archive, 'r');
  opened.push(fd);
  fs.closeSync(fd);
}

module.exports = { open, peek, track };
