// The README's first quick-start command, as a user runs it: a dry run on the bundled example service.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, hashTree } from './helpers';
import { spawnSync } from 'node:child_process';

describe('quick start: leakproof examples', () => {
  it('dry-runs the example service: diffs for the leaky files, the must-report shapes reported, nothing written', () => {
    const examples = path.join(REPO, 'examples');
    const before = hashTree(examples);
    const run = spawnSync(process.execPath, [BIN, 'examples', '--json'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    // Changes not written and lifecycles reported: something to look at.
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    const changed = report.files.filter((f: { status: string }) => f.status === 'changed').map((f: { path: string }) => f.path);
    expect(changed).toEqual([
      'examples/python/inventory/database.py',
      'examples/src/auditLog.ts',
      'examples/src/inventoryRepository.ts',
      'examples/src/orderRepository.ts',
      'examples/src/paymentService.ts',
    ]);
    const reported = report.files.flatMap((f: { findings: { outcome: string; reasonId: string }[] }) =>
      f.findings.filter((x) => x.outcome === 'reported').map((x) => x.reasonId),
    );
    expect(reported.sort()).toEqual(['engine-per-call', 'release-with-argument', 'released-conditionally', 'returned-after-work', 'scoped-session-per-call']);
    // capturePayment already releases in a finally and rolls back in its catch: left alone, not counted.
    expect(report.totals).toMatchObject({ errors: 0, fixed: 16, modernized: 0, reported: 5 });
    // The Python example: the founding shape's dispose moves into close(), the class becomes a context
    // manager, and its caller and a session helper are scoped with `with`.
    const python = report.files.find((f: { path: string }) => f.path === 'examples/python/inventory/database.py');
    expect(python.diff).toContain('+    with Session(engine) as session:');
    expect(python.diff).toContain('+    with Database(url) as db:');
    // The refund's manual TypeORM transaction goes to dataSource.transaction(), which `using` cannot express.
    const payments = report.files.find((f: { path: string }) => f.path === 'examples/src/paymentService.ts');
    expect(payments.findings.map((f: { reasonId: string; style: string }) => `${f.reasonId} ${f.style}`)).toContain('fixed-callback-api with-session');
    expect(hashTree(examples)).toEqual(before);
  }, 150_000);

  it('written to a copy, the example type-checks with tsc and a second run changes nothing', () => {
    const copy = fs.mkdtempSync(path.join(REPO, 'tests', '.tmp-examples-'));
    try {
      fs.cpSync(path.join(REPO, 'examples'), copy, { recursive: true });
      const write = spawnSync(process.execPath, [BIN, copy, '--write', '--force'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
      expect(write.status).toBe(1); // written; the five reported lifecycles stay for a look by hand
      expect(write.stderr).toMatch(/wrote 5 files/);
      const config = ts.getParsedCommandLineOfConfigFile(path.join(copy, 'tsconfig.json'), { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
      expect(config.fileNames.length).toBeGreaterThan(5);
      const program = ts.createProgram(config.fileNames, config.options);
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
      // The rewritten Python still compiles.
      const compiled = spawnSync('/usr/bin/python3', ['-m', 'py_compile', path.join(copy, 'python/inventory/database.py')], { encoding: 'utf8' });
      expect(compiled.status, compiled.stderr).toBe(0);
      const again = spawnSync(process.execPath, [BIN, copy, '--json'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
      expect(JSON.parse(again.stdout).totals).toMatchObject({ changed: 0, fixed: 0, reported: 5 });
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }, 150_000);
});
