// Benchmark: leakproof's dry run against a jscodeshift pass that only parses, on a synthetic repository.
//
//   npm run bench                      (builds, then: node bench/run.mjs)
//   node bench/run.mjs [seed] [--files N] [--runs N] [--cpus N] [--dir DIR] [--cli PATH] [--timeout S]
//   npm run bench -- --tree DIR [--runs N] [--cpus N] [--timeout S] [--no-copies] [--no-types]
//                                      (a real checkout instead of the synthetic one: bench/tree.mjs)
//
// 1. Generates (or reuses) a deterministic corpus from the seed: 5,000 TypeScript files of ~3 KB, ~2% with
//    database lifecycles, ~1% decoys that match the prefilter without any database code (bench/corpus.mjs).
//    It lives in <os tmpdir>/leakproof-bench/corpus-<seed>-<files>-g<generator version> unless --dir says.
// 2. Times, interleaved, one warm-up round and then --runs rounds (default 3) of
//      (a) node bin/leakproof.js --json --no-color --cpus N <corpus>
//      (b) jscodeshift --dry --silent --cpus=N --extensions=ts,tsx --parser=ts -t bench/parse-only-transform.cjs
//      (c) (a) with --no-prefilter
//      (d) (a) in type-aware mode (the corpus gets a node_modules link to this repository's packages, so the
//          checker resolves pg, mysql2, … exactly as in a real project; (a) and (c) run with --no-types)
//    with N = os.availableParallelism() for both tools, and prints the fastest and the median run of each.
//    Ratios use the fastest runs: on a shared machine other work only ever adds time, so the fastest run is
//    the closest to the tool's own cost (the medians are printed beside them). It prints the ratio (a)/(b) against the
//    target (≤ 0.10), the ratio (d)/(a) against its target (≤ 3), both as PASS/FAIL only, and the number of
//    changed files.
// 3. Fails (exit 1) when a command fails, or when the set of files (a) would change differs from (c)'s or
//    from one run to the next: the prefilter may only save time, never change the result.
//
// Not part of the test suite: it takes a few minutes on 2 cores.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FILES, DEFAULT_SEED, defaultDir, ensureCorpus } from './corpus.mjs';
import { treeBench } from './tree.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 0.1;
const TYPES_TARGET_RATIO = 3;

function parseCli(argv) {
  const args = [...argv];
  const opt = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const value = args[i + 1];
    if (value === undefined) die(`${name} needs a value`);
    args.splice(i, 2);
    return value;
  };
  const num = (name, fallback) => {
    const v = opt(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) die(`${name} must be a positive integer`);
    return n;
  };
  const files = num('--files', DEFAULT_FILES);
  const runs = num('--runs', 3);
  const cpus = num('--cpus', os.availableParallelism());
  const dir = opt('--dir');
  const cli = opt('--cli');
  const timeout = num('--timeout', 300);
  if (args.length > 1 || (args[0] !== undefined && !/^\d+$/.test(args[0]))) {
    die('usage: node bench/run.mjs [seed] [--files N] [--runs N] [--cpus N] [--dir DIR] [--cli PATH] [--timeout S]');
  }
  const seed = args[0] !== undefined ? Number(args[0]) >>> 0 : DEFAULT_SEED;
  return {
    seed,
    files,
    runs,
    cpus,
    timeoutMs: timeout * 1000,
    dir: dir ? path.resolve(dir) : defaultDir(seed, files),
    cli: cli ? path.resolve(cli) : path.join(ROOT, 'bin/leakproof.js'),
  };
}

function die(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

// `okStatus`: the exit codes that mean the command did its job (leakproof exits 1 when it has something to
// show, as every run over this corpus has).
function run(label, argv, timeoutMs, okStatus = [0]) {
  const start = process.hrtime.bigint();
  const res = spawnSync(process.execPath, argv, {
    cwd: ROOT,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (res.error?.code === 'ETIMEDOUT') die(`${label}: no result after ${timeoutMs / 1000} s (--timeout):\n  node ${argv.join(' ')}`);
  if (res.error) die(`${label}: ${res.error.message}`);
  if (!okStatus.includes(res.status)) {
    const tail = `${res.stderr ?? ''}\n${res.stdout ?? ''}`.trim().split('\n').slice(-20).join('\n');
    die(`${label} exited with ${res.status ?? res.signal}:\n  node ${argv.join(' ')}\n${tail}`);
  }
  return { seconds, stdout: res.stdout };
}

/** The leakproof JSON report → sorted list of files it would change, plus the report itself. */
function changedFiles(label, stdout) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch (err) {
    die(`${label}: output is not JSON (${err.message}):\n${stdout.slice(0, 500)}`);
  }
  if (!report || !Array.isArray(report.files)) die(`${label}: JSON report has no files[] array`);
  // files[].status is one of changed | unchanged | skipped | error; paths are relative to the cwd.
  const statuses = {};
  const changed = [];
  const errors = [];
  for (const f of report.files) {
    statuses[f.status] = (statuses[f.status] ?? 0) + 1;
    if (f.status === 'changed') changed.push(path.resolve(ROOT, f.path));
    if (f.status === 'error') errors.push(`  ${f.path}: ${f.error?.message ?? 'error'}`);
  }
  // Every corpus file is valid TypeScript: a file leakproof cannot handle is a bug, not noise.
  if (errors.length > 0) die(`${label}: ${errors.length} files failed:\n${errors.slice(0, 10).join('\n')}`);
  return { changed: changed.sort(), statuses, totals: report.totals };
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describeDifference(a, b, nameA, nameB) {
  const inA = new Set(a);
  const inB = new Set(b);
  const onlyA = a.filter((x) => !inB.has(x));
  const onlyB = b.filter((x) => !inA.has(x));
  const show = (xs) => xs.slice(0, 10).map((x) => `    ${x}`).join('\n') + (xs.length > 10 ? `\n    … ${xs.length - 10} more` : '');
  return [
    onlyA.length ? `  only with ${nameA} (${onlyA.length}):\n${show(onlyA)}` : '',
    onlyB.length ? `  only with ${nameB} (${onlyB.length}):\n${show(onlyB)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** How many corpus files leakproof's prefilter lets through (from the built catalogue), for the header. */
function prefilterCount(dir) {
  try {
    const require = createRequire(import.meta.url);
    const { defaultCatalog } = require(path.join(ROOT, 'dist/src/catalog/js/index.js'));
    const re = defaultCatalog.prefilterPattern();
    let n = 0;
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && re.test(fs.readFileSync(p, 'utf8'))) n++;
      }
    };
    walk(path.join(dir, 'src'));
    return n;
  } catch {
    return null;
  }
}

function main() {
  const opts = parseCli(process.argv.slice(2));
  const cli = opts.cli;
  const jscodeshift = path.join(ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
  if (!fs.existsSync(cli)) die(`${path.relative(ROOT, cli)} not found (run \`npm run build\` first, or use \`npm run bench\`)`);
  if (!fs.existsSync(jscodeshift)) die('jscodeshift is not installed (npm ci)');

  const t0 = Date.now();
  const { dir, manifest, reused } = ensureCorpus(opts.seed, { files: opts.files, dir: opts.dir });
  const passing = prefilterCount(dir);
  console.log(
    `corpus ${reused ? '(reused)' : `(generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`} ${dir}\n` +
      `  seed ${manifest.seed}: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB, ` +
      `${manifest.tsx} .tsx, ${manifest.db.length} with database code, ${manifest.decoys.length} decoys` +
      (passing === null ? '' : `; ${passing} pass the prefilter`),
  );

  // Type-aware mode needs installed packages next to the corpus's tsconfig: link this repository's.
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(ROOT, 'node_modules'), modules, 'dir');

  const n = String(opts.cpus);
  const commands = [
    { key: 'a', label: 'leakproof --json --no-types', argv: [cli, '--json', '--no-color', '--no-types', '--cpus', n, dir] },
    {
      key: 'b',
      label: 'jscodeshift parse-only',
      argv: [jscodeshift, '--dry', '--silent', '--fail-on-error', `--cpus=${n}`, '--extensions=ts,tsx', '--parser=ts', '-t', path.join(ROOT, 'bench/parse-only-transform.cjs'), dir],
    },
    { key: 'c', label: 'leakproof --json --no-types --no-prefilter', argv: [cli, '--json', '--no-color', '--no-types', '--no-prefilter', '--cpus', n, dir] },
    { key: 'd', label: 'leakproof --json (type-aware)', argv: [cli, '--json', '--no-color', '--cpus', n, dir] },
  ];
  console.log(`  ${opts.cpus} workers for both tools; 1 warm-up + ${opts.runs} timed rounds of (a) (b) (c) (d)\n`);

  const times = { a: [], b: [], c: [], d: [] };
  const results = { a: [], c: [], d: [] };
  for (let round = 0; round <= opts.runs; round++) {
    const line = [];
    for (const c of commands) {
      const { seconds, stdout } = run(`(${c.key}) ${c.label}`, c.argv, opts.timeoutMs, c.key === 'b' ? [0] : [0, 1]);
      if (round > 0) times[c.key].push(seconds);
      if (c.key !== 'b') results[c.key].push(changedFiles(`(${c.key}) ${c.label}`, stdout));
      line.push(`(${c.key}) ${seconds.toFixed(2)} s`);
    }
    console.log(`  ${round === 0 ? 'warm-up' : `round ${round}`}: ${line.join('  ')}`);
  }

  // Correctness: every run of (a) and (c) agrees on the set of changed files.
  const reference = results.a[0];
  const failures = [];
  const runName = (key, i) => `(${key}) ${i === 0 ? 'warm-up' : `round ${i}`}`;
  for (const key of ['a', 'c']) {
    results[key].forEach((r, i) => {
      if (i > 0 && !sameList(r.changed, results[key][0].changed)) {
        failures.push(`${runName(key, i)} differs from ${runName(key, 0)}:\n${describeDifference(results[key][0].changed, r.changed, runName(key, 0), runName(key, i))}`);
      }
    });
  }
  if (!sameList(results.c[0].changed, reference.changed)) {
    failures.push(`--no-prefilter changes other files:\n${describeDifference(reference.changed, results.c[0].changed, '(a)', '(c) --no-prefilter')}`);
  }

  const med = { a: median(times.a), b: median(times.b), c: median(times.c), d: median(times.d) };
  const best = { a: Math.min(...times.a), b: Math.min(...times.b), c: Math.min(...times.c), d: Math.min(...times.d) };
  const typesRatio = best.d / best.a;
  const ratio = best.a / best.b;
  const pad = (s, w) => String(s).padEnd(w);
  const fmt = (xs) => xs.map((x) => x.toFixed(2)).join('  ');
  console.log('');
  console.log(`  ${pad('', 48)}${pad('fastest', 10)}${pad('median', 10)}runs (s)`);
  for (const c of commands) {
    console.log(`  ${pad(`(${c.key}) ${c.label}`, 48)}${pad(`${best[c.key].toFixed(2)} s`, 10)}${pad(`${med[c.key].toFixed(2)} s`, 10)}${fmt(times[c.key])}`);
  }
  console.log(`  ${pad('ratio (a) / (b)', 40)}${pad(ratio.toFixed(3), 10)}target ≤ ${TARGET_RATIO.toFixed(2)}: ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`);
  console.log(`  ${pad('ratio (c) / (b)', 40)}${(best.c / best.b).toFixed(3)}`);
  console.log(`  ${pad('ratio (d) / (a), types on vs off', 40)}${pad(typesRatio.toFixed(2), 10)}target ≤ ${TYPES_TARGET_RATIO}: ${typesRatio <= TYPES_TARGET_RATIO ? 'PASS' : 'FAIL'}`);
  console.log(`  ${pad('changed files (d)', 40)}${results.d[0].changed.length}`);
  console.log(`  ${pad('changed files', 40)}${pad(reference.changed.length, 10)}(a) = (c) on every run: ${failures.length === 0 ? 'yes' : 'NO'}`);
  console.log(`  ${pad('file statuses (a)', 40)}${JSON.stringify(reference.statuses)}`);
  console.log(`  ${pad('file statuses (c)', 40)}${JSON.stringify(results.c[0].statuses)}`);
  if (reference.totals !== undefined) console.log(`  ${pad('totals (a)', 40)}${JSON.stringify(reference.totals)}`);
  if (reference.changed.length === 0) {
    console.log(`\n  note: no file would change, yet ${manifest.db.length} files hold lifecycles`);
  }

  if (failures.length > 0) {
    console.error(`\nFAIL: the prefilter changed the result\n${failures.join('\n')}`);
    process.exit(1);
  }
}

// `--tree DIR`: the comparison on a real checkout instead (bench/tree.mjs).
if (process.argv.includes('--tree')) treeBench(ROOT, process.argv.slice(2));
else main();
