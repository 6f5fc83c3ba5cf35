// Resources handed out by the project's own helpers (issue 13): a factory under a local name, a callback
// acquire wrapped in a promise, a module's record of its instances, a helper that opens a transaction.
// Each is found through the project index and reported with a reason that is true for the caller's code;
// the safe shapes beside them (one instance per process, a helper whose caller ends what it gets) stay silent.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/helper-resources');

function findings(dir: string): string[] {
  const r = runCli(['--json', '--no-types', '.'], dir);
  const report = JSON.parse(r.stdout) as { files: { path: string; diff: string | null; findings: { line: number; outcome: string; reasonId: string; library: string }[] }[] };
  expect(report.files.filter((f) => f.diff).map((f) => f.path)).toEqual([]);
  return report.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.outcome} ${x.reasonId} ${x.library}`)).sort();
}

describe('resources from project helpers', () => {
  const all = findings(PROJECT);

  it('a knex factory called under a local name makes a pool per call: pool-per-call, the module instance stays', () => {
    expect(all.filter((f) => f.startsWith('src/services/audit.js'))).toEqual(['src/services/audit.js:5 reported pool-per-call knex']);
  });
});
