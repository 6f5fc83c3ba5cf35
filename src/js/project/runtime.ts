import * as fs from 'node:fs';
import * as path from 'node:path';
import { installedVersion } from './packageInfo';
import { declaredInScope, scopeDirs, scopePackages } from './scope';
import { allWithin, compareVersions, formatVersion, rangeIntervals, type Interval, type Version } from '../../core/semver';

// Which Node versions will run a package's code, from everything that says so. Every piece counts and
// the answer is the one they all agree on: one that admits an older Node wins (conservative). In order of
// weight, as the reasons name them:
//   1. engines.node in package.json (the package and the workspace root above it): the contract;
//   2. volta.node, .nvmrc, .node-version, .tool-versions: the version developers and CI run;
//   3. the last stage of a Dockerfile `FROM node:<version>`: the version production runs;
//   4. the @types/node version: what the code is typed against. It never proves a version alone; it
//      contradicts a newer claim (@types/node 20 beside engines >=24), and it is the only hint left when
//      nothing above says anything.

export type EvidenceSource = 'engines.node' | 'volta.node' | '.nvmrc' | '.node-version' | '.tool-versions' | 'Dockerfile' | '@types/node';

export interface NodeEvidence {
  source: EvidenceSource;
  /** Absolute path of the file it was read from. */
  file: string;
  /** As written: `>=20`, `v24.1.0`, `node:26.3.0-slim`. */
  text: string;
  /** The versions it admits; null when it names none (`lts/*`, `node:latest`). */
  intervals: Interval[] | null;
}

export interface RuntimeFacts {
  evidence: NodeEvidence[];
  /** Lowest Node version the readable evidence (not @types/node) admits; null when none says. */
  floor: string | null;
}

const NATIVE_USING: Interval[] = [{ min: [24, 0, 0], below: null }];
// Symbol.dispose / Symbol.asyncDispose: Node 20.4 and the 18.18 backport (not 19.x, not 20.0–20.3).
const DISPOSE_SYMBOLS: Interval[] = [
  { min: [18, 18, 0], below: [19, 0, 0] },
  { min: [20, 4, 0], below: null },
];

// LTS code names `.nvmrc` may hold (`lts/iron`).
const LTS: Record<string, number> = { argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 };

/** A pinned version (`24`, `v20.11.1`, `lts/iron`, `22-alpine`) as the interval it stands for; null for moving names. */
function pinned(text: string): Interval[] | null {
  const t = text.trim().toLowerCase();
  const lts = /^lts\/([a-z]+)$/.exec(t);
  if (lts) return LTS[lts[1]] ? [{ min: [LTS[lts[1]], 0, 0], below: [LTS[lts[1]] + 1, 0, 0] }] : null;
  const m = /^v?(\d+(?:\.\d+){0,2})(?:$|[-_])/.exec(t);
  return m ? rangeIntervals(m[1]) : null;
}

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The image the last stage of a Dockerfile runs, with ARG defaults substituted and stage names followed. */
export function dockerfileNode(text: string): { image: string; intervals: Interval[] | null } | null {
  const args = new Map<string, string>();
  const stages = new Map<string, string>();
  let last: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const arg = /^ARG\s+(\w+)=("?)([^"\s]*)\2/i.exec(line);
    if (arg) args.set(arg[1], arg[3]);
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from) continue;
    let image = from[1].replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_, a, dflt, b) => args.get(a ?? b) ?? dflt ?? '');
    image = stages.get(image.toLowerCase()) ?? image;
    if (from[2]) stages.set(from[2].toLowerCase(), image);
    last = image;
  }
  if (!last) return null;
  // node:<tag> (any registry), or a distroless/chainguard `nodejs22` image.
  const official = /(?:^|\/)node(?::([^@\s]+))?(?:@\S+)?$/.exec(last);
  if (official) return { image: last, intervals: official[1] ? pinned(official[1]) : null };
  const named = /(?:^|\/)nodejs(\d+)(?:[-:]|$)/.exec(last);
  if (named) return { image: last, intervals: rangeIntervals(named[1]) };
  return null;
}

function dockerfilesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => /^Dockerfile(\..+)?$|\.[Dd]ockerfile$/.test(n))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

const cache = new Map<string, RuntimeFacts>();

/** Everything that says which Node runs the package at `packageRoot`. */
export function runtimeFacts(packageRoot: string): RuntimeFacts {
  const cached = cache.get(packageRoot);
  if (cached) return cached;
  const evidence: NodeEvidence[] = [];
  const packages = scopePackages(packageRoot);
  for (const { dir, json } of packages) {
    const engines = json.engines?.node;
    if (typeof engines === 'string') {
      // `*` and `>=0` admit every Node: they say something (that any version may run it).
      const anyVersion = /^\s*(\*|x|latest)?\s*$/.test(engines);
      evidence.push({ source: 'engines.node', file: path.join(dir, 'package.json'), text: engines, intervals: anyVersion ? [{ min: [0, 0, 0], below: null }] : rangeIntervals(engines) });
    }
  }
  for (const { dir, json } of packages) {
    const volta = (json.volta as { node?: unknown } | undefined)?.node;
    if (typeof volta === 'string') evidence.push({ source: 'volta.node', file: path.join(dir, 'package.json'), text: volta, intervals: pinned(volta) });
  }
  const dirs = scopeDirs(packageRoot);
  for (const dir of dirs) {
    for (const name of ['.nvmrc', '.node-version'] as const) {
      const text = read(path.join(dir, name))?.split(/\r?\n/).find((l) => l.trim() && !l.trim().startsWith('#'));
      if (text) evidence.push({ source: name, file: path.join(dir, name), text: text.trim(), intervals: pinned(text) });
    }
    const tools = read(path.join(dir, '.tool-versions'))?.split(/\r?\n/).find((l) => /^\s*nodejs\s/.test(l));
    if (tools) {
      const text = tools.trim().split(/\s+/)[1] ?? '';
      evidence.push({ source: '.tool-versions', file: path.join(dir, '.tool-versions'), text, intervals: pinned(text) });
    }
  }
  for (const dir of dirs) {
    for (const file of dockerfilesIn(dir)) {
      const node = dockerfileNode(read(file) ?? '');
      if (node) evidence.push({ source: 'Dockerfile', file, text: `FROM ${node.image}`, intervals: node.intervals });
    }
  }
  const types = installedVersion(packageRoot, '@types/node');
  const declared = declaredInScope(packageRoot, '@types/node');
  if (types) evidence.push({ source: '@types/node', file: path.join(packageRoot, 'package.json'), text: types, intervals: rangeIntervals(`~${types}`) });
  else if (declared) evidence.push({ source: '@types/node', file: path.join(declared.dir, 'package.json'), text: declared.range, intervals: rangeIntervals(declared.range) });

  let floor: Version | null = null;
  for (const e of evidence) {
    if (e.source === '@types/node' || !e.intervals) continue;
    for (const i of e.intervals) if (!floor || compareVersions(i.min, floor) < 0) floor = i.min;
  }
  const facts = { evidence, floor: floor ? formatVersion(floor) : null };
  cache.set(packageRoot, facts);
  return facts;
}

export interface RuntimeCheck {
  ok: boolean;
  /** The evidence that decided: the proof when ok, the first piece that admits too old a Node when not. */
  evidence: NodeEvidence | null;
  /** Set when no evidence decides either way. */
  missing?: true;
  /** Then, what names Node without a version (`FROM node:lts`, `.nvmrc lts/*`). */
  vague?: NodeEvidence[];
}

const strong = (e: NodeEvidence) => e.source !== '@types/node' && e.intervals !== null;

function check(facts: RuntimeFacts, allowed: Interval[], typesMayProve: boolean): RuntimeCheck {
  const readable = facts.evidence.filter(strong);
  const types = facts.evidence.find((e) => e.source === '@types/node' && e.intervals);
  const against = [...readable, ...(types ? [types] : [])].find((e) => !allWithin(e.intervals!, allowed));
  if (against) return { ok: false, evidence: against };
  if (readable.length) return { ok: true, evidence: readable[0] };
  if (types && typesMayProve) return { ok: true, evidence: types };
  const vague = facts.evidence.filter((e) => e.source !== '@types/node' && !e.intervals);
  return { ok: false, evidence: null, missing: true, ...(vague.length ? { vague } : {}) };
}

/** Is the package proven to run on Node >= 24, which parses `using` as written? */
export function runsUsingNatively(facts: RuntimeFacts): RuntimeCheck {
  return check(facts, NATIVE_USING, false);
}

/** Does every Node that may run the package have Symbol.dispose/asyncDispose (what compiled-down `using` calls)? */
export function hasDisposeSymbols(facts: RuntimeFacts): RuntimeCheck {
  return check(facts, DISPOSE_SYMBOLS, true);
}

/** `engines.node ">=20"` in package.json, `.nvmrc 26`, `Dockerfile FROM node:26-slim` — for reasons. */
export function describeEvidence(e: NodeEvidence, from: string): string {
  const where = path.relative(from, e.file).split(path.sep).join('/') || path.basename(e.file);
  switch (e.source) {
    case 'engines.node':
    case 'volta.node':
      return `${e.source} ${JSON.stringify(e.text)} (${where})`;
    case '@types/node':
      return `@types/node ${e.text}`;
    case 'Dockerfile':
      return `${where} ${e.text}`;
    default:
      return `${where} ${JSON.stringify(e.text)}`;
  }
}

/** The lowest version a piece of evidence admits, as text (`20.0.0`). */
export function evidenceMinimum(e: NodeEvidence): string | null {
  if (!e.intervals) return null;
  let min: Version | null = null;
  for (const i of e.intervals) if (!min || compareVersions(i.min, min) < 0) min = i.min;
  return min ? formatVersion(min) : null;
}

export function clearRuntimeCaches(): void {
  cache.clear();
}

