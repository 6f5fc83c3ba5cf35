// Benchmark on a real checkout: `npm run bench -- --tree DIR [--runs N] [--cpus N] [--timeout S] [--no-copies] [--no-types]`
//
// The tree is only read (dry runs); it should have no node_modules, so leakproof runs syntactically as it
// would on a fresh clone. Per round, interleaved, after one warm-up round:
//   (a) leakproof, default transforms, dry run, --json, on DIR                 (peak RSS measured too)
//   (g) (a) with --no-index: what the project index adds to the run is (a) / (g) - 1 (issue 13: ≤ 20%)
//   (b) jscodeshift --dry with bench/parse-only-transform.cjs on the same JS/TS files (parser by extension)
//   (c) ast-grep run --pattern '$R.connect($$$A)' on the same files (.py included: both tools read Python)
//   (e) (a) on four copies of the tree side by side, and (f) (a) on one copy made the same way
//   (d) (f) in type-aware mode: the copy gets a node_modules link to this repository's packages (pg, mysql2,
//       typeorm, … installed), so the checker resolves the catalogue's libraries where the tree uses them
// Copies (without .git and node_modules) go under <os tmpdir>/leakproof-bench/ and are removed at the end.
// Ratios use the fastest runs (other work on a shared machine only ever adds time); medians are printed
// beside them. Fails (exit 1) when a command fails or (a) reports differently from one run to the next.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const TARGETS = { jscodeshift: 0.1, astGrep: 3, rssMb: 500, copies: 4.4, types: 3, indexAdds: 0.2 };
const PATTERN = '$R.connect($$$A)';

export function treeBench(root, argv) {
  const opts = parse(argv, root);
  const require = createRequire(path.join(root, 'package.json'));
  const cli = path.join(root, 'bin/leakproof.js');
  const jscodeshift = path.join(root, 'node_modules/jscodeshift/bin/jscodeshift.js');
  const astGrep = astGrepBinary(require);
  if (!fs.existsSync(path.join(root, 'dist/src/cli/main.js'))) die('dist/ not found (npm run build, or use npm run bench)');
  if (!fs.existsSync(jscodeshift)) die('jscodeshift is not installed (npm ci)');
  if (!astGrep) die('ast-grep is not installed (npm ci installs @ast-grep/cli)');
  if (fs.existsSync(path.join(opts.tree, 'node_modules'))) console.log(`  note: ${opts.tree} has node_modules: (a) may run type-aware`);

  // The files leakproof finds (its own discovery: .gitignore, node_modules and .git left out).
  const { discoverFiles } = require(path.join(root, 'dist/src/cli/files.js'));
  const { ALL_EXTENSIONS } = require(path.join(root, 'dist/src/languages.js'));
  const found = discoverFiles({ cwd: opts.tree, paths: ['.'], extensions: ALL_EXTENSIONS, gitignore: true, ignore: [] }).files;
  const jsts = found.filter((f) => !f.endsWith('.py'));
  const bytes = found.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`tree ${opts.tree}\n  ${found.length} files leakproof finds (${(bytes / 1e6).toFixed(1)} MB), ${jsts.length} of them JavaScript/TypeScript; ${opts.cpus} workers for every tool`);

  const base = path.join(os.tmpdir(), 'leakproof-bench', `tree-${path.basename(opts.tree)}-${process.pid}`);
  const one = path.join(base, 'x1');
  const four = path.join(base, 'x4');
  if (opts.copies || opts.types) {
    const t0 = Date.now();
    copyTree(opts.tree, path.join(one, 'copy-1'));
    if (opts.copies) for (let i = 1; i <= 4; i++) copyTree(opts.tree, path.join(four, `copy-${i}`));
    console.log(`  copies made in ${((Date.now() - t0) / 1000).toFixed(1)} s under ${base}`);
  }

  const n = String(opts.cpus);
  const leakproof = (dir, rss, extra = []) => ({ argv: ['-r', path.join(root, 'bench/rss.cjs'), cli, '--json', '--no-color', '--cpus', n, ...extra, '.'], cwd: dir, rss });
  const commands = [
    { key: 'a', label: 'leakproof dry run', ...leakproof(opts.tree, true) },
    { key: 'g', label: 'leakproof --no-index', ...leakproof(opts.tree, false, ['--no-index']) },
    {
      key: 'b',
      label: 'jscodeshift parse-only',
      // --no-babel: the transform is plain CommonJS, and babel's register would write its cache into the
      // tree (node_modules/.cache), which then has a node_modules. Run from this repository for the same reason.
      argv: [jscodeshift, '--dry', '--silent', '--no-babel', `--cpus=${n}`, '--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs', '--parser=ts', '-t', path.join(root, 'bench/parse-only-transform.cjs'), ...fileArgs(jsts, 'jscodeshift', opts.tree)],
      cwd: root,
    },
    { key: 'c', label: `ast-grep -p '${PATTERN}'`, bin: astGrep, argv: ['run', '-p', PATTERN, '-j', n, ...fileArgs(found, 'ast-grep', opts.tree)], cwd: root },
  ];
  if (opts.copies) {
    commands.push({ key: 'f', label: 'leakproof, one copy', ...leakproof(one, false) });
    commands.push({ key: 'e', label: 'leakproof, four copies', ...leakproof(four, true) });
  }
  if (opts.types) commands.push({ key: 'd', label: 'leakproof type-aware, one copy', ...leakproof(one, true), types: true });

  const before = topLevel(opts.tree);
  const times = Object.fromEntries(commands.map((c) => [c.key, []]));
  const rss = Object.fromEntries(commands.map((c) => [c.key, []]));
  const reports = [];
  let summary = '';
  try {
    for (let round = 0; round <= opts.runs; round++) {
      const line = [];
      for (const c of commands) {
        const modules = path.join(one, 'node_modules');
        if (c.types) fs.symlinkSync(path.join(root, 'node_modules'), modules, 'dir');
        let r;
        try {
          r = run(c, opts.timeoutMs);
        } finally {
          if (c.types) fs.rmSync(modules, { force: true });
        }
        if (round > 0) {
          times[c.key].push(r.seconds);
          if (r.rssMb !== null) rss[c.key].push(r.rssMb);
        }
        if (c.key === 'a') {
          reports.push(normalised(r.stdout));
          summary = r.stderr.split('\n').find((l) => / files found, /.test(l)) ?? '';
        }
        line.push(`(${c.key}) ${r.seconds.toFixed(2)} s`);
      }
      console.log(`  ${round === 0 ? 'warm-up' : `round ${round}`}: ${line.join('  ')}`);
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  // Every run is a dry run: the tree must not have gained a file (a tool's cache, a node_modules).
  const gained = topLevel(opts.tree).filter((e) => !before.includes(e));
  if (gained.length > 0) die(`the tree gained ${gained.join(', ')} during the bench`);

  const best = (k) => Math.min(...times[k]);
  const med = (k) => median(times[k]);
  const pad = (s, w) => String(s).padEnd(w);
  const verdict = (value, target) => `target ≤ ${target}: ${value <= target ? 'PASS' : 'FAIL'}`;
  console.log(`\n  ${summary.replace(/^leakproof: /, 'leakproof: ')}`);
  console.log(`\n  ${pad('', 44)}${pad('fastest', 10)}${pad('median', 10)}${pad('peak RSS', 11)}runs (s)`);
  for (const c of commands) {
    const peak = rss[c.key].length ? `${Math.max(...rss[c.key]).toFixed(0)} MB` : '';
    console.log(`  ${pad(`(${c.key}) ${c.label}`, 44)}${pad(`${best(c.key).toFixed(2)} s`, 10)}${pad(`${med(c.key).toFixed(2)} s`, 10)}${pad(peak, 11)}${times[c.key].map((x) => x.toFixed(2)).join('  ')}`);
  }
  const ratios = [
    ['(a) / (b), leakproof / jscodeshift parse-only', best('a') / best('b'), TARGETS.jscodeshift, 3],
    ['(a) / (c), leakproof / ast-grep', best('a') / best('c'), TARGETS.astGrep, 2],
    ['peak RSS of (a), MB', Math.max(...rss.a), TARGETS.rssMb, 0],
  ];
  // What the project index adds to the run: the same run without it (issue 13: at most 20%).
  ratios.push(['(a) / (g) - 1, what the project index adds', best('a') / best('g') - 1, TARGETS.indexAdds, 3]);
  if (opts.copies) ratios.push(['(e) / (f), four copies / one copy', best('e') / best('f'), TARGETS.copies, 2]);
  if (opts.types) ratios.push(['(d) / (f), type-aware / syntactic', best('d') / best('f'), TARGETS.types, 2]);
  console.log('');
  for (const [label, value, target, digits] of ratios) console.log(`  ${pad(label, 50)}${pad(value.toFixed(digits), 10)}${verdict(value, target)}`);
  const stable = reports.every((r) => r === reports[0]);
  console.log(`  ${pad('(a) reports the same on every run', 50)}${stable ? 'yes' : 'NO'}`);
  if (!stable) {
    console.error('\nFAIL: leakproof reported differently from one run to the next');
    process.exit(1);
  }
}

function parse(argv, root) {
  const args = [...argv];
  const take = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined) die(`${name} needs a value`);
    args.splice(i, 2);
    return v;
  };
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  const num = (name, fallback) => {
    const v = take(name);
    if (v === undefined) return fallback;
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1) die(`${name} must be a positive integer`);
    return x;
  };
  const tree = take('--tree');
  const out = {
    tree: path.resolve(tree),
    runs: num('--runs', 2),
    cpus: num('--cpus', os.availableParallelism()),
    timeoutMs: num('--timeout', 900) * 1000,
    copies: !flag('--no-copies'),
    types: !flag('--no-types'),
  };
  if (args.length > 0) die(`unknown arguments for --tree: ${args.join(' ')}`);
  if (!fs.existsSync(out.tree) || !fs.statSync(out.tree).isDirectory()) die(`--tree ${tree}: not a directory`);
  if (path.resolve(out.tree) === path.resolve(root)) die('--tree: pick a checkout other than this repository');
  return out;
}

/** The binary of @ast-grep/cli: its platform package's, else the one its postinstall put beside it. */
function astGrepBinary(require) {
  const exe = process.platform === 'win32' ? 'ast-grep.exe' : 'ast-grep';
  const candidates = [];
  try {
    const cliDir = path.dirname(require.resolve('@ast-grep/cli/package.json'));
    const { optionalDependencies = {} } = JSON.parse(fs.readFileSync(path.join(cliDir, 'package.json'), 'utf8'));
    for (const pkg of Object.keys(optionalDependencies)) {
      try {
        candidates.push(path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [cliDir] })), exe));
      } catch {
        // not this platform's
      }
    }
    candidates.push(path.join(cliDir, exe));
  } catch {
    return null;
  }
  return candidates.find((c) => spawnSync(c, ['--version']).status === 0) ?? null;
}

/** The files as arguments; past what a command line holds, jscodeshift and ast-grep get the directory. */
function fileArgs(files, name, tree) {
  const total = files.reduce((n, f) => n + f.length + 1, 0);
  if (total < 1_000_000) return files;
  console.log(`  note: too many files for one command line: ${name} gets the directory instead of the list`);
  return [tree];
}

/** Copy a checkout without .git and node_modules (symbolic links as links). */
function copyTree(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => {
      const name = path.basename(src);
      return name !== '.git' && name !== 'node_modules';
    },
  });
}

function run(c, timeoutMs) {
  const rssFile = c.rss ? path.join(os.tmpdir(), `leakproof-bench-rss-${process.pid}-${c.key}`) : null;
  const started = process.hrtime.bigint();
  const res = spawnSync(c.bin ?? process.execPath, c.argv, {
    cwd: c.cwd,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...(rssFile ? { LEAKPROOF_BENCH_RSS: rssFile } : {}), ...(c.env ?? {}) },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.error?.code === 'ETIMEDOUT') die(`(${c.key}) ${c.label}: no result after ${timeoutMs / 1000} s (--timeout)`);
  if (res.error) die(`(${c.key}) ${c.label}: ${res.error.message}`);
  // leakproof exits 1 when it has something to show, 2 when a file met an internal error (its JSON report
  // still lists every file); jscodeshift exits 0; ast-grep 0, or 1 when nothing matches.
  const ok = c.bin ? res.status === 0 || res.status === 1 : c.key === 'b' ? res.status === 0 : [0, 1, 2].includes(res.status) && isJson(res.stdout);
  if (!ok) {
    const tail = `${res.stderr ?? ''}\n${res.stdout ?? ''}`.trim().split('\n').slice(-20).join('\n');
    die(`(${c.key}) ${c.label} exited with ${res.status ?? res.signal} in ${c.cwd}:\n${tail}`);
  }
  let rssMb = null;
  if (rssFile) {
    rssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    fs.rmSync(rssFile, { force: true });
  }
  return { seconds, stdout: res.stdout, stderr: res.stderr, rssMb };
}

/** Names at the top of a directory and one level down, to notice a tool writing into the tree. */
function topLevel(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    out.push(e.name);
    if (e.isDirectory() && e.name !== '.git') for (const f of fs.readdirSync(path.join(dir, e.name))) out.push(`${e.name}/${f}`);
  }
  return out;
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The JSON report without its timing, to compare runs. */
function normalised(stdout) {
  const report = JSON.parse(stdout);
  delete report.totals.elapsedMs;
  return JSON.stringify(report);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function die(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}
