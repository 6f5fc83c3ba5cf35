// `npm run test:pack`: what a user gets from `npm i -D leakproof`. Packs this checkout (prepack builds it),
// installs the tarball into a fresh temporary project (dependencies from the registry, as a user's install
// would fetch them) and runs the installed bin there. Not part of `npm test` (the install takes a minute);
// .ci/run runs it after the tests.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pack-'));
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n${String(detail).replace(/^/gm, '     ')}` : ''}`);
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return r;
}

try {
  // --- the tarball ---------------------------------------------------------------------------------------
  const packOut = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  // prepack's build prints to stdout before npm's JSON: the document is the last top-level array.
  const info = JSON.parse(packOut.slice(packOut.lastIndexOf('\n[') + 1))[0];
  const files = info.files.map((f) => f.path);
  const tarball = path.join(tmp, info.filename);
  for (const f of ['bin/leakproof.js', 'dist/src/cli/main.js', 'dist/src/cli/worker.js', 'dist/src/eslint/index.js', 'dist/transforms/lifecycles.js', 'LICENSE', 'README.md', 'package.json', 'src/cli/report.schema.json']) {
    check(`the tarball holds ${f}`, files.includes(f));
  }
  const stray = files.filter((f) => /^(tests|__testfixtures__|bench|corpus|examples|scripts)\//.test(f) || /\.ts$/.test(f));
  check('the tarball holds no tests, fixtures, bench or TypeScript sources', stray.length === 0, stray.slice(0, 10).join('\n'));
  check(`the tarball is small (${files.length} files)`, files.length < 600, files.length);

  // --- installed into a fresh project ----------------------------------------------------------------------
  const project = path.join(tmp, 'project');
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'pack-test', private: true, version: '1.0.0' }, null, 2)}\n`);
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--save-dev', tarball], project);
  check('npm install of the tarball succeeds', install.status === 0, install.stderr);
  const leaky = `const { Pool } = require('pg');
const pool = new Pool();
async function getUser(id) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}
module.exports = { getUser };
`;
  const file = path.join(project, 'src', 'users.js');
  fs.writeFileSync(file, leaky);

  const version = run('npx', ['--no-install', 'leakproof', '--version'], project);
  check(`npx leakproof --version prints ${pkg.version}`, version.status === 0 && version.stdout.trim() === pkg.version, version.stdout + version.stderr);

  const dry = run('npx', ['--no-install', 'leakproof'], project);
  check('a dry run exits 1 with a diff and writes nothing', dry.status === 1 && dry.stdout.includes('+++ b/src/users.js') && fs.readFileSync(file, 'utf8') === leaky, `exit ${dry.status}\n${dry.stdout}${dry.stderr}`);

  const sarif = run('npx', ['--no-install', 'leakproof', '--check', '--format', 'sarif'], project);
  let log = null;
  try {
    log = JSON.parse(sarif.stdout);
  } catch {
    // reported below
  }
  check('--format sarif prints a SARIF 2.1.0 log with the leak', sarif.status === 1 && log?.version === '2.1.0' && log.runs[0].results.length === 1, `exit ${sarif.status}\n${sarif.stdout.slice(0, 2000)}${sarif.stderr}`);

  const eslint = run('node', ['-e', "const p = require('leakproof/eslint'); process.stdout.write(Object.keys(p.rules).join(','))"], project);
  check("require('leakproof/eslint') gives the plugin without eslint installed", eslint.status === 0 && eslint.stdout === 'no-leaky-lifecycle', eslint.stdout + eslint.stderr);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
