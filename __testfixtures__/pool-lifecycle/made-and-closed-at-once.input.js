// A connection made by the receiver of its own close() (`createConnection(uri).close()`) is made and
// released right there: not a teardown of something shared, nothing to report.
const mongoose = require('mongoose');

async function checkConnection(uri) {
  await mongoose.createConnection(uri).close();
}

module.exports = { checkConnection };
