// A helper that releases the connection its caller hands it (`function run(conn, sql) { … conn.release() … }`),
// called through an index that re-exports it (`module.exports = { run: require('./run') }`): the project index
// fills its parameter when every call in the project passes the same resource, and the lifecycles transform
// says whether every path through the helper releases it. Never rewritten: the caller owns the connection.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectIndexPass } from '../../src/js/provenance/pass';
import type { IndexFacts } from '../../src/js/provenance/serial';
import { cleanup, copyProject, findingLines } from '../cli/helpers';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/released-parameter');
const FILES = ['db/connect.js', 'db/exec.js', 'db/giveBack.js', 'db/index.js', 'db/pool.js', 'db/run.js', 'db/send.js', 'pg/index.js', 'pg/pool.js', 'pg/settle.js', 'routes/orders.js', 'routes/report.js', 'routes/stock.js', 'routes/stub.js'].map((f) => `src/${f}`);
const ctx = { cwd: PROJECT, transforms: ['lifecycles'], types: false };
const runFile = (dir: string, rel: string) => ({ abs: path.join(dir, rel), rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') });
const paramsOf = (out: ReturnType<typeof projectIndexPass.run>, dir: string, rel: string) => (out.facts.get(path.join(dir, rel)) as IndexFacts).params;

afterEach(cleanup);

describe('a helper that releases what its callers hand it', () => {
  const all = findingLines(PROJECT);

  it('released only when its query succeeded, called through a re-exporting index with a pooled connection: reported in the helper, left as written', () => {
    expect(all.filter((f) => f.startsWith('src/db/'))).toEqual(['src/db/run.js:10 reported released-conditionally mysql']);
    // The callers hand the connection on, as before.
    expect(all).toContain('src/routes/orders.js:5 reported released-by-callee mysql');
  });

  it('the index fills the parameter through `module.exports = { run: require(…) }` and `export * from`, and brings the helper back when the prefilter dropped it', () => {
    const dropped = ['src/db/run.js', 'src/pg/settle.js'];
    const out = projectIndexPass.run(FILES.filter((f) => !dropped.includes(f)).map((f) => runFile(PROJECT, f)), dropped.map((f) => runFile(PROJECT, f)), ctx);
    expect(paramsOf(out, PROJECT, 'src/db/run.js')).toEqual({ run: { 0: { t: 'instance', library: 'mysql', kind: 'PoolConnection' } } });
    expect(paramsOf(out, PROJECT, 'src/pg/settle.js')).toEqual({ settle: { 0: { t: 'instance', library: 'pg', kind: 'PoolClient' } } });
    expect(out.join).toEqual(dropped.map((f) => path.join(PROJECT, f)));
  });

  it('callers that pass different things, or an importer that hands the re-exported function on, leave the parameter unknown', () => {
    const out = projectIndexPass.run(FILES.map((f) => runFile(PROJECT, f)), [], ctx);
    // exec: routes/stub.js passes an object of its own through the index's namespace.
    expect(paramsOf(out, PROJECT, 'src/db/exec.js')).toEqual({});
    // send: routes/orders.js exports the function it took from the index, so its callers are unknown.
    expect(paramsOf(out, PROJECT, 'src/db/send.js')).toEqual({});
  });

  it('helpers that release on every path where they hold a connection stay silent: in a finally, first in the query callback of a promise, behind a guard on the connection', () => {
    expect(all.filter((f) => f.startsWith('src/pg/'))).toEqual([]);
    const out = projectIndexPass.run(FILES.map((f) => runFile(PROJECT, f)), [], ctx);
    const connection = { t: 'instance', library: 'mysql', kind: 'PoolConnection' };
    // Known, and read: not silent for want of a value.
    expect(paramsOf(out, PROJECT, 'src/db/giveBack.js')).toEqual({ giveBack: { 0: connection }, giveBackIfAny: { 0: connection }, runAndRelease: { 0: connection } });
    expect(all.filter((f) => f.startsWith('src/db/giveBack.js'))).toEqual([]);
  });

  it('without the stand-in, every caller passes a pool connection and exec is reported too', () => {
    const dir = copyProject(PROJECT);
    fs.rmSync(path.join(dir, 'src/routes/stub.js'));
    expect(findingLines(dir).filter((f) => f.startsWith('src/db/'))).toEqual(['src/db/exec.js:7 reported released-conditionally mysql', 'src/db/run.js:10 reported released-conditionally mysql']);
  });
});
