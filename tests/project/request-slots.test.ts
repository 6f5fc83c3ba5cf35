// What middleware parks on the request (issue 13): a handler in another module that reads `req.pg` borrows
// the pooled client the middleware acquired there, and is held to the same rules as any holder of one — here,
// a client released in the try and again by the finally is reported. A pool parked on the request (shared)
// is not a borrowed resource, and a function that is no handler reads no request.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectIndexPass } from '../../src/js/provenance/pass';
import { PARKS_AWAITED } from '../../src/js/provenance/requestSlots';
import type { IndexFacts } from '../../src/js/provenance/serial';
import { cleanup, copyProject, findingLines } from '../cli/helpers';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/request-slots');
const FILES = ['src/db/pool.js', 'src/middleware/attach.js', 'src/routes/books.js'];
const ctx = { cwd: PROJECT, transforms: ['lifecycles'], types: false };
const runFiles = (dir: string) => FILES.map((rel) => ({ abs: path.join(dir, rel), rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') }));

afterEach(cleanup);

describe('request slots', () => {
  it('a handler that releases the parked client in the try and in the finally is reported; the others are not', () => {
    expect(findingLines(PROJECT)).toEqual(['src/middleware/attach.js:6 reported request-handed-off pg', 'src/routes/books.js:8 reported double-release pg']);
  });

  it('records the borrowed client under its name for the files that read it, and not the shared pool', () => {
    const out = projectIndexPass.run(runFiles(PROJECT), [], ctx);
    expect((out.facts.get(path.join(PROJECT, 'src/routes/books.js')) as IndexFacts).requestSlots).toEqual({ pg: { t: 'instance', library: 'pg', kind: 'PoolClient' } });
    expect((out.facts.get(path.join(PROJECT, 'src/db/pool.js')) as IndexFacts).requestSlots).toBeUndefined();
  });

  it('a name another middleware parks something else under is unknown', () => {
    const dir = copyProject(PROJECT);
    fs.writeFileSync(path.join(dir, 'src/middleware/user.js'), "import { loadUser } from './users.js';\n\nexport async function withUser(req, res, next) {\n  req.pg = await loadUser(req.headers.authorization);\n  next();\n}\n");
    expect(findingLines(dir)).not.toContainEqual(expect.stringContaining('src/routes/books.js'));
  });

  it('parses for middleware only a file that parks on something other than `this`', () => {
    expect(PARKS_AWAITED.test('req.pg = await pool.connect();')).toBe(true);
    expect(PARKS_AWAITED.test('(req as any).pg = await pool.connect();')).toBe(true);
    expect(PARKS_AWAITED.test('request.this.pg = await pool.connect();')).toBe(true);
    expect(PARKS_AWAITED.test('this.pg = await pool.connect();\nthis\n  .cache = await load();')).toBe(false);
  });
});
