// `leakproof doctor` output: the facts as text for people, or as JSON (the same facts) for tools.
import type { DoctorFacts, LibraryFact, PackageFacts, ResourceFact, StyleFact, VersionFact } from './facts';

export function renderDoctorJson(facts: DoctorFacts): string {
  return `${JSON.stringify(facts, null, 2)}\n`;
}

function version(v: VersionFact, missing: string): string {
  if (!v.version) return missing;
  if (v.source === 'installed') return `${v.version} (installed${v.declared ? `; declared ${v.declared}` : ''})`;
  return `${v.version} (not installed; lowest of declared ${v.declared})`;
}

function native(r: ResourceFact): string {
  if (r.since === null) return 'no native disposer in any version';
  const what = `${r.dispose === 'async' ? 'Symbol.asyncDispose' : 'Symbol.dispose'} since ${r.decidedBy === 'node' ? 'Node ' : ''}${r.since}`;
  if (r.native === null) return `${what}: unknown (no ${r.decidedBy === 'node' ? 'engines.node' : `${r.decidedBy} version`} found)`;
  return `${what}: ${r.native ? 'yes, disposes natively' : 'no (adapter)'}`;
}

function library(l: LibraryFact): string[] {
  const declared = l.declared ? `; declared ${l.declared}` : '';
  const where =
    l.source === 'engines'
      ? l.version
        ? `Node ${l.version} (engines lower bound)`
        : 'Node version unknown (no engines.node)'
      : l.source === 'installed'
        ? `${l.version} (installed${declared})`
        : `${l.version} (not installed; lowest of declared ${l.declared})`;
  const lines = [`    ${l.library}  ${where}`];
  if (l.resources.length === 0 && l.callbacks.length === 0) lines.push('      no per-call resources');
  const width = Math.max(0, ...l.resources.map((r) => r.kind.length));
  for (const r of l.resources) lines.push(`      ${r.kind.padEnd(width)}  ${native(r)}`);
  for (const c of l.callbacks) lines.push(`      callback  ${c}`);
  return lines;
}

function style(label: string, s: StyleFact): string[] {
  const pad = `    ${' '.repeat(label.length)}  `;
  const lines = s.auto === 'using' ? [`    ${label}  using: ${s.via}`] : [`    ${label}  ${s.auto}: ${s.reason}`, `${pad}to enable \`await using\`: ${s.change}`];
  if (s.compilers.length === 0) lines.push(`${pad}compiled by: nothing found`);
  s.compilers.forEach((c, i) => lines.push(`${pad}${i === 0 ? 'compiled by: ' : '             '}${c.summary}`));
  return lines;
}

function tsconfigLine(p: PackageFacts): string {
  const t = p.tsconfig;
  if (!t) return '  tsconfig      none';
  const lib = t.lib ? t.lib.join(', ') : '(default for the target)';
  const unresolved = t.unresolved.length ? `; extends ${t.unresolved.join(', ')}, which could not be read` : '';
  const ts = p.typescript.version;
  const types = t.disposableTypes
    ? `\`using\` types: ${t.disposableTypes.ok ? `yes (${t.disposableTypes.by})` : `no (${t.disposableTypes.by})`}`
    : `\`using\` types: n/a (${ts ? `TypeScript ${ts} predates \`using\`` : 'no TypeScript version found'})`;
  return `  tsconfig      ${t.file}: target ${t.target ?? '(default)'}, lib ${lib}${unresolved}; ${types}`;
}

function nodeLines(p: PackageFacts): string[] {
  const n = p.node;
  const pad = '                ';
  const evidence = n.evidence.map((e) => `${e.said}: ${e.minimum ? `from ${e.minimum}` : 'names no version'}`);
  if (evidence.length === 0) evidence.push('nothing says which version (no engines.node, .nvmrc, .node-version, Dockerfile FROM node or @types/node in the package\'s folder or above it)');
  const check = (c: { ok: boolean; by: string | null }) => (c.ok ? `yes (${c.by})` : c.by ? `no (${c.by})` : 'unknown (nothing says)');
  return [
    `  Node          ${evidence[0]}`,
    ...evidence.slice(1).map((e) => `${pad}${e}`),
    `${pad}runs \`using\` as written (Node >= 24): ${check(n.runsUsingAsWritten)}`,
    `${pad}has Symbol.asyncDispose (Node >= 20.4): ${check(n.hasDisposeSymbols)}`,
  ];
}

function renderPackage(p: PackageFacts): string[] {
  const out = [`${p.name ?? '(unnamed)'}  ${p.path}`];
  out.push(`  TypeScript    ${version(p.typescript, 'not found (not installed, not declared)')}`);
  out.push(tsconfigLine(p));
  out.push(...nodeLines(p));
  out.push('  Libraries');
  for (const l of p.libraries) out.push(...library(l));
  if (p.config) {
    if (p.config.error) out.push(`  Config        ${p.config.error}`);
    else {
      const res = p.config.resources.map((r) => `${r.library}: ${r.acquire}() → .${r.release}()${r.async ? ' (async)' : ''}`);
      out.push(`  Config        ${p.config.file}: ${res.length} resource${res.length === 1 ? '' : 's'}${p.config.ignore.length ? `; ignore ${p.config.ignore.join(', ')}` : ''}${p.config.style ? `; style ${p.config.style}` : ''}`);
      for (const r of res) out.push(`                ${r}`);
    }
  } else {
    out.push('  Config        none (leakproof.config.json or a "leakproof" key in package.json)');
  }
  out.push('  --style auto');
  out.push(...style('.ts files', p.styles.ts));
  out.push(...style('.js files', p.styles.js));
  for (const sub of p.subfolders) out.push(...style(`.ts files under ${sub.tsconfig}`, sub.ts));
  return out;
}

export function renderDoctorText(facts: DoctorFacts): string {
  return `${facts.packages.map((p) => renderPackage(p).join('\n')).join('\n\n')}\n`;
}
