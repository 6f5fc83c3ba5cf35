// `--format github`: GitHub Actions workflow commands, one annotation per finding, shown on the pull request's
// diff and the run's summary (`::warning file=…,line=…,col=…,title=…::message`).
import type { Finding } from '../core/model';
import { fixLabel, type Report } from './report';

/** Message text: %, CR and LF must be escaped or they end the command. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also lose `:` and `,`, which separate the properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(level: 'error' | 'warning' | 'notice', props: Record<string, string | number | null>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level} ${list}::${escapeData(message)}\n`;
}

function annotation(path: string, f: Finding, written: boolean): string {
  const where = { file: path, line: f.line, col: f.column };
  if (f.outcome === 'reported') {
    const title = f.reasonId === 'would-fix' ? 'leakproof: would fix' : `leakproof: ${f.reasonId}`;
    return command('warning', { ...where, title }, `${f.library} \`${f.resource}\`: ${f.reason}`);
  }
  const what = f.outcome === 'modernized' ? 'already released on every path; restated' : (f.problem ?? f.reason);
  if (written || f.outcome === 'modernized') return command('notice', { ...where, title: `leakproof: ${written ? 'fixed' : 'modernize'}` }, `${f.library} \`${f.resource}\`: ${what} → ${fixLabel(f, path)}`);
  return command('warning', { ...where, title: 'leakproof: leak (fixable)' }, `${f.library} \`${f.resource}\`: ${what}. \`npx leakproof --write\` fixes it (→ ${fixLabel(f, path)}).`);
}

export function renderGithub(report: Report, written: boolean): string {
  let out = '';
  for (const file of report.files) {
    if (file.status === 'error' && file.error) {
      const e = file.error;
      out += command('error', { file: file.path, line: e.line, col: e.column, title: `leakproof: ${e.kind === 'parse' ? 'parse error' : 'error'}` }, e.message);
    }
    for (const f of file.findings) out += annotation(file.path, f, written);
  }
  for (const u of report.unusedIgnores ?? []) out += command('warning', { file: u.path, line: u.line, col: u.column, title: 'leakproof: unused ignore' }, `${u.text}: ${u.message}`);
  return out;
}
