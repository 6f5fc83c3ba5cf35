import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PlannedWrite {
  /** Absolute path as discovered. */
  path: string;
  /** The bytes the output was computed from: the file must still hold them when we replace it. */
  original: Buffer;
  output: string;
}

export class WriteError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

interface Staged {
  target: string;
  temp: string;
}

/**
 * Writes every planned file or none. Phase 1 puts each new text in a temp file beside its target (same
 * directory, so the rename cannot cross file systems) with the target's mode; phase 2 renames them over the
 * targets. Any failure in phase 1 removes the temp files and leaves every target untouched. A reader never
 * sees a half-written file: rename replaces a file whole.
 */
export function writeAtomically(plans: PlannedWrite[]): void {
  const staged: Staged[] = [];
  try {
    for (const plan of plans) staged.push(stage(plan));
  } catch (err) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    throw err;
  }
  for (let i = 0; i < staged.length; i++) {
    try {
      fs.renameSync(staged[i].temp, staged[i].target);
    } catch (err) {
      for (const s of staged.slice(i)) fs.rmSync(s.temp, { force: true });
      throw new WriteError(staged[i].target, (err as Error).message);
    }
  }
}

function stage(plan: PlannedWrite): Staged {
  let target: string;
  let temp = '';
  try {
    // Through a symlink to the file it names: renaming over the link would replace the link itself.
    target = fs.realpathSync(plan.path);
    const st = fs.statSync(target);
    // Someone (an editor, a formatter) changed the file since we read it: their edit wins, we stop.
    if (!fs.readFileSync(target).equals(plan.original)) {
      throw new WriteError(plan.path, 'changed on disk while leakproof was running; nothing written');
    }
    temp = path.join(path.dirname(target), `.${path.basename(target)}.leakproof-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
    const fd = fs.openSync(temp, 'wx', st.mode & 0o7777);
    try {
      fs.writeSync(fd, Buffer.from(plan.output, 'utf8'));
      // openSync's mode is filtered by the umask; set the exact bits the original had.
      fs.fchmodSync(fd, st.mode & 0o7777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return { target, temp };
  } catch (err) {
    if (temp) fs.rmSync(temp, { force: true });
    if (err instanceof WriteError) throw err;
    throw new WriteError(plan.path, (err as Error).message);
  }
}
