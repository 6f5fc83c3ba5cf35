// An `await` inside a logical, binary or unary expression elsewhere in a rewritten file keeps its layout:
// recast used to reprint each one in parentheses (`a && (await b())`, `!(await ok())`), far from the fix.
// `(await x) ** 2` keeps the parentheses it needs. So does a spread's argument: `...a && { b }` stays as
// written (it came out as `...(a && { b })`).
// expect[try-finally,auto]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[await-using]: reported using-unsupported
const oracledb = require('oracledb');

let supportsPipelining;

async function setup(check) {
  supportsPipelining = (oracledb.thin && await check(2303000000));
  if (!await check(1)) return 0;
  return 1 + await check(2) + (await check(3)) ** 2;
}

function options(ref, extra) {
  return { qs: { ...ref && { container: ref }, ...extra ? { extra } : {} }, list: [...ref || []] };
}

async function count(config) {
  const conn = await oracledb.getConnection(config);
  let result;
  try {
    result = await conn.execute('SELECT COUNT(*) FROM dual');
  } finally {
    await conn.close();
  }
  return result.rows.length > 0 && await setup(() => true);
}

module.exports = { setup, count, options, supportsPipelining };
