// Opened and closed in one expression: handed straight to its own release, nothing to say (NodeBB's tests).
const fs = require('fs');
const path = require('path');

function touch(dir, name) {
  fs.closeSync(fs.openSync(path.resolve(dir, name), 'w'));
}

module.exports = { touch };
