// Shared by the CLI tests: temp projects, running the built bin, hashing trees, throwaway git repos.
import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'bin', 'leakproof.js');

/** The package.json that makes `.ts` files eligible for `using` (TypeScript ≥ 5.2, Node ≥ 20.19 declared; with TSCONFIG_JSON). */
export const PACKAGE_JSON = `${JSON.stringify(
  { name: 'fixture', private: true, devDependencies: { typescript: '^5.9.0' }, engines: { node: '>=20.19' } },
  null,
  2,
)}\n`;

/** Beside PACKAGE_JSON: tsc compiles `using` down for ES2022, and the disposable lib type-checks it. */
export const TSCONFIG_JSON = `${JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022', 'esnext.disposable'], outDir: 'dist' } }, null, 2)}\n`;

/** Rewritten by await-using: release after the work, nothing in between that escapes. */
export const LEAKY = `import { Pool } from 'pg';
const pool = new Pool();
export async function getUser(id: number) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}
`;

/** Already releases on every path: left byte-identical and silent unless --modernize. */
export const SAFE = `import { Pool } from 'pg';
const pool = new Pool();
export async function countUsers() {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT count(*) FROM users');
    return res.rows[0];
  } finally {
    client.release();
  }
}
`;

/** Reported, never rewritten: the client escapes to the caller. */
export const RETURNED = `import { Pool } from 'pg';
const pool = new Pool();
export async function borrow() {
  const client = await pool.connect();
  await client.query('SELECT 1');
  return client;
}
`;

/** Passes the prefilter (names 'pg') but is not valid TypeScript: line 3, column 13. */
export const BROKEN = `import { Pool } from 'pg';
const pool = new Pool();
const x = ) ;
`;

/** No database code at all: dropped by the prefilter. */
export const PLAIN = `export const answer = 42;\n`;

export type Tree = Record<string, string | Buffer>;

const made: string[] = [];

/** A fresh project under the OS temp dir (never inside this repo's git tree). */
export function makeProject(files: Tree, withPackageJson = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-cli-'));
  made.push(dir);
  if (withPackageJson) {
    fs.writeFileSync(path.join(dir, 'package.json'), PACKAGE_JSON);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG_JSON);
  }
  writeTree(dir, files);
  return dir;
}

export function writeTree(dir: string, files: Tree): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function copyProject(src: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-cli-'));
  made.push(dir);
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

export function cleanup(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Below the test timeout, so a hang fails with a message instead of a killed worker.
    timeout: 45_000,
  });
  if (r.error) throw new Error(`leakproof ${args.join(' ')} in ${cwd}: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every finding of a syntax-only dry run of `dir`, as `path:line outcome reasonId library`, sorted. */
export function findingLines(dir: string, extra: string[] = []): string[] {
  const r = runCli(['--json', '--no-types', ...extra, '.'], dir);
  const report = JSON.parse(r.stdout) as { files: { path: string; findings: { line: number; outcome: string; reasonId: string; library: string }[] }[] };
  return report.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.outcome} ${x.reasonId} ${x.library}`)).sort();
}

/** rel path → sha256 of the bytes, for every file outside .git. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function gitCommitAll(dir: string): void {
  if (!fs.existsSync(path.join(dir, '.git'))) git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'fixture');
}

export function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}
