// The CI recipes are real files that run: the composite action's scripts (executed here with bash, the way
// the runner would, inputs in the environment) and the pre-commit hooks' entries.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { BIN, cleanup, LEAKY, makeProject, REPO, RETURNED, runCli, SAFE } from './helpers';

afterAll(cleanup);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = yaml.load(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default?: string }> };
const hooks = yaml.load(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; types_or: string[] }[];

function bash(script: string, cwd: string, env: Record<string, string>) {
  const r = spawnSync('bash', ['-e', '-c', script], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('action.yml', () => {
  const steps = action.runs.steps;
  const runStep = steps.find((s) => s.id === 'run')!;
  const gate = steps[steps.length - 1];

  it('is a composite action: set up Node, run leakproof --check --format sarif, upload the log, then fail on the exit code', () => {
    expect(action.runs.using).toBe('composite');
    expect(steps[0].uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(runStep.run).toContain('--check --format sarif');
    expect(steps[2].uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(steps[2].with?.sarif_file).toBe('${{ inputs.sarif-file }}');
    // No input is spliced into a script's text (script injection): they come in through env.
    for (const s of steps) expect(s.run ?? '').not.toContain('${{');
  });

  it("its run script uses the project's installed leakproof and records the exit code and a SARIF log", () => {
    const dir = makeProject({ 'src/users.ts': LEAKY, 'src/borrow.ts': RETURNED, 'lib/other.ts': RETURNED });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    fs.symlinkSync(BIN, path.join(dir, 'node_modules/.bin/leakproof'));
    const output = path.join(dir, 'github-output');
    const env = { GITHUB_OUTPUT: output, LEAKPROOF_ARGS: 'src --no-types', LEAKPROOF_VERSION: 'latest', LEAKPROOF_SARIF: 'leakproof.sarif' };
    const r = bash(runStep.run!, dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'leakproof.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri).sort();
    // Only the paths given in args: lib/ is not looked at.
    expect(uris).toEqual(['src/borrow.ts', 'src/users.ts']);

    fs.writeFileSync(path.join(dir, 'src/users.ts'), SAFE);
    fs.writeFileSync(path.join(dir, 'src/borrow.ts'), SAFE);
    fs.rmSync(output);
    expect(bash(runStep.run!, dir, env).code).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toBe('exit-code=0\n');
  });

  it('its last step fails the job on 2 always, and on 1 unless fail-on-findings is false', () => {
    const dir = makeProject({});
    const gateWith = (code: string, fail: string) => bash(gate.run!, dir, { CODE: code, FAIL_ON_FINDINGS: fail }).code;
    expect(gateWith('0', 'true')).toBe(0);
    expect(gateWith('1', 'true')).toBe(1);
    expect(gateWith('1', 'false')).toBe(0);
    expect(gateWith('2', 'false')).toBe(2);
    expect(action.inputs['fail-on-findings'].default).toBe('true');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('has the hook id leakproof (and leakproof-fix): scripts for JavaScript and TypeScript files, all files in one run', () => {
    expect(hooks.map((h) => h.id)).toEqual(['leakproof', 'leakproof-fix']);
    for (const h of hooks) {
      expect(h.language).toBe('script');
      expect(h.types_or).toEqual(expect.arrayContaining(['javascript', 'ts']));
      const [script, ...args] = h.entry.split(' ');
      expect(fs.statSync(path.join(REPO, script)).mode & 0o111).not.toBe(0);
      expect(parseArgs(args, '0.0.0', 1).kind).toBe('run');
    }
  });

  it("each entry runs the project's leakproof on the file names pre-commit passes", () => {
    const dir = makeProject({ 'src/users.ts': LEAKY, 'src/safe.ts': SAFE });
    fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    fs.symlinkSync(BIN, path.join(dir, 'node_modules/.bin/leakproof'));
    const [check, fix] = hooks.map((h) => h.entry.split(' '));
    const run = (entry: string[], ...files: string[]) => spawnSync(path.join(REPO, entry[0]), [...entry.slice(1), ...files], { cwd: dir, encoding: 'utf8' }).status;
    expect(run(check, 'src/safe.ts')).toBe(0);
    expect(run(check, 'src/users.ts', 'src/safe.ts')).toBe(1);
    expect(run(fix, 'src/users.ts')).toBe(0);
    expect(run(check, 'src/users.ts')).toBe(0);
    expect(runCli(['--check'], dir).code).toBe(0);
  });
});
