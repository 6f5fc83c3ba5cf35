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
  if (s.auto === 'using') return [`    ${label}  using (${s.via})`];
  return [`    ${label}  ${s.auto}: ${s.reason}`, `    ${' '.repeat(label.length)}  to enable \`await using\`: ${s.change}`];
}

function renderPackage(p: PackageFacts): string[] {
  const out = [`${p.name ?? '(unnamed)'}  ${p.path}`];
  out.push(`  TypeScript    ${version(p.typescript, 'not found (not installed, not declared)')}`);
  if (p.tsconfig) {
    const lib = p.tsconfig.lib ? p.tsconfig.lib.join(', ') : '(default for the target)';
    const disposable = p.tsconfig.disposableLib ? 'yes' : 'no';
    out.push(`  tsconfig      ${p.tsconfig.file}: target ${p.tsconfig.target ?? '(default)'}, lib ${lib}; esnext.disposable: ${disposable}`);
  } else {
    out.push('  tsconfig      none');
  }
  out.push(`  Node engines  ${p.node.engines ? `${p.node.engines}${p.node.minimum ? ` (lowest ${p.node.minimum})` : ''}` : 'not set'}`);
  const preset = p.babel.presetEnv.declared ? `@babel/preset-env ${p.babel.presetEnv.declared}` : 'no @babel/preset-env';
  const erm = p.babel.explicitResourceManagement ? 'yes' : 'no';
  out.push(`  Babel         explicit-resource-management: ${erm} (${p.babel.plugin ? 'plugin declared' : 'no plugin'}, ${preset})`);
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
  return out;
}

export function renderDoctorText(facts: DoctorFacts): string {
  return `${facts.packages.map((p) => renderPackage(p).join('\n')).join('\n\n')}\n`;
}
