// Loads `__testfixtures__/python/<transform>/<case>.input.py` with its expected output (absent: the file must
// not change) and the findings it expects:
//   # expect: reported never-closed       one line per expected finding that is not a fix
// A fixture's first comment says what the case proves.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { spawnSync } from 'node:child_process';

export const PY_FIXTURE_ROOT = path.resolve(__dirname, '../../__testfixtures__/python');
export const PYTHON = '/usr/bin/python3';

export interface PyFixture {
  name: string;
  inputPath: string;
  outputPath: string | null;
  input: string;
  output: string;
  expected: { outcome: string; reasonId: string }[];
}

export function loadPyFixtures(transform: string): PyFixture[] {
  const dir = path.join(PY_FIXTURE_ROOT, transform);
  const out: PyFixture[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    const m = /^(.*)\.input\.py$/.exec(file);
    if (!m) continue;
    const inputPath = path.join(dir, file);
    const outputPath = path.join(dir, `${m[1]}.output.py`);
    const input = fs.readFileSync(inputPath, 'utf8');
    const hasOutput = fs.existsSync(outputPath);
    out.push({
      name: m[1],
      inputPath,
      outputPath: hasOutput ? outputPath : null,
      input,
      output: hasOutput ? fs.readFileSync(outputPath, 'utf8') : input,
      expected: [...input.matchAll(/^# expect: (fixed|reported) ([\w-]+)/gm)].map((e) => ({ outcome: e[1], reasonId: e[2] })),
    });
  }
  return out;
}

/** Whether /usr/bin/python3 runs; without it the compile checks are skipped (failed under CI). */
export function pythonAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'pass']).status === 0;
}

/** Runs `python3 -m py_compile` on the texts (written to a scratch directory); returns the error per failing name. */
export function compilePython(files: { name: string; text: string }[]): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-py-compile-'));
  try {
    const paths = files.map((f, i) => {
      const p = path.join(dir, `${i}_${f.name.replace(/[^\w.-]/g, '_')}.py`);
      fs.writeFileSync(p, f.text);
      return p;
    });
    const errors: Record<string, string> = {};
    if (spawnSync(PYTHON, ['-m', 'py_compile', ...paths], { encoding: 'utf8' }).status === 0) return errors;
    // Something failed: find which, one by one.
    files.forEach((f, i) => {
      const r = spawnSync(PYTHON, ['-m', 'py_compile', paths[i]], { encoding: 'utf8' });
      if (r.status !== 0) errors[f.name] = r.stderr.trim().split('\n').slice(-2).join(' ');
    });
    return errors;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
