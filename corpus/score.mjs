#!/usr/bin/env node
// Scores leakproof against the development corpus: runs the built CLI (dry run, --json) from each restored
// repository folder, matches every finding and every changed hunk to the manifest entries by file and line
// range, and prints a table per class, per library and per provenance. Not part of `npm test`: the texts it
// reads are other people's code, restored outside the repository (see corpus/README.md).
//
//   node corpus/score.mjs [--lang js|python] [--texts DIR] [--manifest FILE] [--out DIR] [--cli FILE]
//                         [--json FILE] [--restore-check]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The only language-specific part: which files the CLI is asked to read.
const EXTENSIONS = {
  js: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  python: ['.py'],
};
const OUTCOMES = ['fixed', 'left alone', 'reported-true', 'reported-false', 'silent', 'unsafe'];
// Which transform's fix counts for a `fix` entry. A change made only by another transform (pool-lifecycle dropping
// the `end()` of a one-shot script's lifecycle, say) guarantees nothing and is counted as unsafe. An entry may name
// its own with `fixTransform`. The Python classes fixed by a teardown or by dropping a per-request dispose() belong to
// the Python pool-lifecycle transform, which reports under the same name.
const FIX_TRANSFORM_BY_CLASS = {
  'per-call-pool': 'pool-lifecycle',
  'per-call-pool-end': 'pool-lifecycle',
  'request-scoped': 'pool-lifecycle',
  'dispose-per-request': 'pool-lifecycle',
  'scoped-session-no-remove': 'pool-lifecycle',
};
const fixTransformOf = (entry) => entry.fixTransform ?? FIX_TRANSFORM_BY_CLASS[entry.class] ?? 'lifecycles';
const isFixed = (f) => f.outcome === 'fixed' || String(f.reasonId).startsWith('fixed');

function parseArgs(argv) {
  const opts = { lang: 'js', out: '/tmp/corpus-out', cli: join(here, '..', 'bin', 'leakproof.js'), restoreCheck: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--lang') opts.lang = value();
    else if (a === '--texts') opts.texts = value();
    else if (a === '--manifest') opts.manifest = value();
    else if (a === '--out') opts.out = value();
    else if (a === '--cli') opts.cli = value();
    else if (a === '--json') opts.json = value();
    else if (a === '--restore-check') opts.restoreCheck = true;
    else if (a === '-h' || a === '--help') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 8).join('\n').replace(/^\/\/ ?/gm, ''));
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  if (!EXTENSIONS[opts.lang]) fail(`--lang must be one of ${Object.keys(EXTENSIONS).join(', ')}`);
  opts.texts = resolve(opts.texts ?? `/work/corpus-texts/${opts.lang}`);
  opts.manifest = resolve(opts.manifest ?? join(here, opts.lang, 'manifest.json'));
  opts.out = resolve(opts.out);
  return opts;
}

function fail(message) {
  console.error(`score: ${message}`);
  process.exit(2);
}

const repoFolder = (repo) => repo.replace('/', '__');
const auxPath = (a) => (typeof a === 'string' ? a : a.path);

function loadManifest(file) {
  if (!existsSync(file)) fail(`no manifest at ${file}`);
  const entries = JSON.parse(readFileSync(file, 'utf8')).entries;
  if (!Array.isArray(entries)) fail(`${file} has no "entries" list`);
  for (const e of entries) {
    for (const k of ['id', 'repo', 'path', 'lines', 'library', 'class', 'expected']) {
      if (e[k] === undefined) fail(`entry ${e.id ?? '?'} has no ${k}`);
    }
    if (!['fix', 'report', 'leave'].includes(e.expected)) fail(`entry ${e.id}: expected is ${e.expected}`);
  }
  return entries;
}

/** Entries (and their aux files) whose restored text is missing. */
function missingTexts(entries, texts) {
  const missing = [];
  for (const e of entries) {
    for (const p of [e.path, ...(e.aux ?? []).map(auxPath)]) {
      const f = join(texts, repoFolder(e.repo), p);
      if (!existsSync(f)) missing.push({ id: e.id, repo: e.repo, path: p, role: p === e.path ? 'lifecycle' : 'aux' });
    }
  }
  return missing;
}

function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

/** Runs the CLI from the repository folder, so project-relative resolution (tsconfig, package.json) works. */
function runCli(cli, cwd, lang) {
  const args = [cli, '--json', '--no-color', '--extensions', EXTENSIONS[lang].join(','), '.'];
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let report = null;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    // left null: reported below with the CLI's stderr
  }
  return { report, status: r.status, stderr: r.stderr };
}

/** Old-file line ranges each hunk of a unified diff changes (a pure insertion counts at the lines around it). */
function changedRanges(diff) {
  const ranges = [];
  let cur = null;
  let oldLine = 0;
  const touch = (n) => {
    cur.lo = Math.min(cur.lo, n);
    cur.hi = Math.max(cur.hi, n);
  };
  for (const line of diff.split('\n')) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
    if (h) {
      cur = { lo: Infinity, hi: -Infinity, text: [line] };
      ranges.push(cur);
      oldLine = Number(h[1]);
      continue;
    }
    if (!cur || line.startsWith('---') || line.startsWith('+++')) continue;
    cur.text.push(line);
    if (line.startsWith('-')) {
      touch(oldLine);
      oldLine++;
    } else if (line.startsWith('+')) {
      touch(Math.max(oldLine - 1, 1));
      touch(oldLine);
    } else if (line.startsWith(' ') || line === '') {
      oldLine++;
    }
  }
  return ranges.filter((r) => r.lo <= r.hi);
}

const overlaps = (r, [start, end]) => r.lo <= end && r.hi >= start;

function classify(entry, hunks, findings) {
  const changed = hunks.length > 0;
  const fixedFinding = findings.some((f) => isFixed(f) && f.transform === fixTransformOf(entry));
  const reports = findings.filter((f) => f.outcome === 'reported');
  const acceptable = new Set(entry.acceptableReasons ?? []);
  const falseReports = reports.filter((f) => !acceptable.has(f.reasonId));
  if (entry.expected === 'leave') {
    if (changed) return 'unsafe';
    return findings.length > 0 ? 'reported-false' : 'left alone';
  }
  if (entry.expected === 'report' && changed) return 'unsafe';
  if (entry.expected === 'fix' && changed) return fixedFinding ? 'fixed' : 'unsafe';
  if (reports.length > 0) return falseReports.length === 0 ? 'reported-true' : 'reported-false';
  return 'silent';
}

function table(title, rows, keyOf) {
  const groups = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, Object.fromEntries(OUTCOMES.map((o) => [o, 0])));
    groups.get(k)[r.outcome]++;
  }
  const keys = [...groups.keys()].sort();
  const total = Object.fromEntries(OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).length]));
  const head = [title, ...OUTCOMES, 'total'];
  const body = keys.map((k) => [k, ...OUTCOMES.map((o) => groups.get(k)[o]), OUTCOMES.reduce((n, o) => n + groups.get(k)[o], 0)]);
  body.push(['TOTAL', ...OUTCOMES.map((o) => total[o]), rows.length]);
  const widths = head.map((h, i) => Math.max(String(h).length, ...body.map((b) => String(b[i]).length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const entries = loadManifest(opts.manifest);
  const missing = missingTexts(entries, opts.texts);
  if (opts.restoreCheck) {
    for (const m of missing) console.log(`missing ${m.role}: ${m.repo} ${m.path} (${m.id})`);
    console.log(`${missing.length} missing of ${entries.length} entries' files`);
    process.exit(missing.length ? 1 : 0);
  }
  if (!existsSync(opts.cli)) fail(`no CLI at ${opts.cli} (run npm run build first)`);
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });

  const missingIds = new Set(missing.filter((m) => m.role === 'lifecycle').map((m) => m.id));
  const byRepo = new Map();
  for (const e of entries) {
    if (missingIds.has(e.id)) continue;
    if (!byRepo.has(e.repo)) byRepo.set(e.repo, []);
    byRepo.get(e.repo).push(e);
  }

  const rows = [];
  const unmatched = [];
  const foreign = [];
  const problems = [];
  for (const [repo, repoEntries] of [...byRepo].sort(([a], [b]) => a.localeCompare(b))) {
    const cwd = join(opts.texts, repoFolder(repo));
    const restored = new Set(listFiles(cwd));
    const { report, status, stderr } = runCli(opts.cli, cwd, opts.lang);
    if (!report) {
      problems.push(`${repo}: the CLI gave no JSON (exit ${status}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    }
    const files = new Map((report?.files ?? []).map((f) => [f.path, f]));
    for (const c of report?.created ?? []) foreign.push(`${repo}: would create ${c.path}`);
    for (const f of report?.files ?? []) {
      if (!restored.has(f.path)) foreign.push(`${repo}: ${f.path}`);
      if (f.status === 'error') problems.push(`${repo}: ${f.path}: ${f.error?.message}`);
      if (f.diff) {
        const dest = join(opts.out, 'files', repoFolder(repo), `${f.path}.diff`);
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, f.diff);
      }
    }
    const claimed = new Set();
    for (const e of repoEntries) {
      const file = files.get(e.path);
      let hunks = file?.diff ? changedRanges(file.diff).filter((h) => overlaps(h, e.lines)) : [];
      let findings = (file?.findings ?? []).filter((f) => f.line >= e.lines[0] && f.line <= e.lines[1]);
      // `fixIn`: the fix belongs in another file of the repository (a Flask teardown hook in app.py).
      const elsewhere = e.fixIn ? files.get(e.fixIn) : null;
      if (elsewhere) {
        hunks = [...hunks, ...(elsewhere.diff ? changedRanges(elsewhere.diff) : [])];
        findings = [...findings, ...(elsewhere.findings ?? [])];
      }
      for (const f of findings) claimed.add(f);
      const outcome = file ? classify(e, hunks, findings) : 'silent';
      if (file?.status === 'error') problems.push(`${e.id}: its file could not be processed`);
      rows.push({ ...e, outcome, findings, hunks });
      const slug = e.id.replace(/[^A-Za-z0-9._-]+/g, '_');
      const lines = [
        `# ${e.id}  ${e.repo}@${String(e.commit ?? '').slice(0, 12)}  ${e.path}:${e.lines.join('-')}`,
        `# library ${e.library}, class ${e.class}, expected ${e.expected}${e.acceptableReasons ? ` (${e.acceptableReasons.join(', ')})` : ''} -> ${outcome}`,
        `# note: ${e.note ?? ''}`,
        ...findings.map((f) => `# finding ${f.line}:${f.column} ${f.transform} ${f.outcome} ${f.reasonId}: ${f.reason}`),
        ...hunks.flatMap((h) => h.text),
      ];
      writeFileSync(join(opts.out, `${slug}.diff`), `${lines.join('\n')}\n`);
    }
    for (const f of report?.files ?? []) {
      for (const x of f.findings ?? []) {
        if (!claimed.has(x)) unmatched.push(`${repo}: ${f.path}:${x.line} ${x.outcome} ${x.reasonId} (${x.library} ${x.resource})`);
      }
    }
  }

  const out = [];
  out.push(table('class', rows, (r) => r.class));
  out.push(table('library', rows, (r) => r.library));
  out.push(table('provenance', rows, (r) => r.provenance ?? '?'));
  out.push(table('expected', rows, (r) => r.expected));
  const fixRows = rows.filter((r) => r.expected === 'fix');
  const fixed = fixRows.filter((r) => r.outcome === 'fixed').length;
  out.push(
    `entries ${rows.length} from ${byRepo.size} repositories; fix entries fixed: ${fixed}/${fixRows.length}` +
      ` (${fixRows.length ? ((100 * fixed) / fixRows.length).toFixed(1) : '0.0'}%)`,
  );
  const unsafe = rows.filter((r) => r.outcome === 'unsafe');
  if (unsafe.length) {
    const why = (r) => (r.expected === 'fix' ? `, changed by ${[...new Set(r.findings.filter(isFixed).map((f) => f.transform))].join('+') || 'no fixed finding'} where ${fixTransformOf(r)} was expected` : '');
    out.push(`unsafe (changed where report/leave was expected, or a fix entry changed by the wrong transform):\n${unsafe.map((r) => `  ${r.id} (${r.expected}${why(r)}) ${r.repo} ${r.path}:${r.lines.join('-')}`).join('\n')}`);
  }
  const falseRows = rows.filter((r) => r.outcome === 'reported-false');
  if (falseRows.length) {
    out.push(`reported-false:\n${falseRows.map((r) => `  ${r.id} (${r.expected}${r.acceptableReasons ? `: ${r.acceptableReasons.join('|')}` : ''}) got ${r.findings.map((f) => f.reasonId).join(', ')}`).join('\n')}`);
  }
  if (missing.length) out.push(`texts missing (run --restore-check): ${missing.length}`);
  if (foreign.length) out.push(`files not in the texts folder:\n${foreign.map((f) => `  ${f}`).join('\n')}`);
  if (problems.length) out.push(`problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  if (unmatched.length) out.push(`findings outside every entry (${unmatched.length}), not scored:\n${unmatched.map((u) => `  ${u}`).join('\n')}`);
  out.push(`diffs per entry and per file: ${opts.out}`);
  console.log(out.join('\n\n'));
  if (opts.json) {
    const slim = rows.map(({ id, repo, path, lines, library, class: cls, provenance, expected, outcome, findings }) => ({
      id, repo, path, lines, library, class: cls, provenance, expected, outcome,
      findings: findings.map((f) => ({ line: f.line, outcome: f.outcome, reasonId: f.reasonId })),
    }));
    writeFileSync(opts.json, `${JSON.stringify(slim, null, 1)}\n`);
  }
}

main();
