// python3 -m py_compile on fixture texts: Python itself must accept every input and output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

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
