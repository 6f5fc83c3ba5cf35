// expect[auto,try-finally]: fixed fixed-try-finally
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[await-using]: reported using-unsupported
// expect[await-using]: reported using-unsupported
// expect[with-session]: reported callback-needs-async
// expect[with-session]: reported callback-needs-async
// After a synchronous release too, what follows and reads nothing the work declares stays after it: the
// file is renamed once its descriptor is closed, and the promise resolves only if the close succeeded, as
// written (they moved before the close, like a tail after an awaited release before 2464c14).
const fs = require('fs');

function replace(tmp, target, data) {
  const fd = fs.openSync(tmp, 'w');
  fs.writeSync(fd, data);
  fs.closeSync(fd);
  fs.renameSync(tmp, target);
  console.log('replaced', target);
}

function writeJson(file, data) {
  return new Promise((resolve) => {
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, JSON.stringify(data));
    fs.closeSync(fd);
    resolve(true);
  });
}

module.exports = { replace, writeJson };
