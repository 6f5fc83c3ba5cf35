import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PlannedWrite {
  /** Absolute path as discovered. */
  path: string;
  /** The bytes the output was computed from: the file must still hold them when we replace it. `null`: a new
   * file, which must still not exist when we create it. */
  original: Buffer | null;
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
  create: boolean;
  /** The first directory made for a new file, removed again if the writes are abandoned. */
  madeDir?: string;
}

function discard(s: Staged): void {
  fs.rmSync(s.temp, { force: true });
  if (s.madeDir) fs.rmSync(s.madeDir, { recursive: true, force: true });
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
    for (const s of staged.reverse()) discard(s);
    throw err;
  }
  for (let i = 0; i < staged.length; i++) {
    const s = staged[i];
    try {
      if (s.create) {
        // link() fails if the target exists: a file that appeared meanwhile is never overwritten.
        fs.linkSync(s.temp, s.target);
        fs.rmSync(s.temp, { force: true });
      } else {
        fs.renameSync(s.temp, s.target);
      }
    } catch (err) {
      for (const rest of staged.slice(i)) fs.rmSync(rest.temp, { force: true });
      throw new WriteError(s.target, (err as Error).message);
    }
  }
}

function stage(plan: PlannedWrite): Staged {
  return plan.original === null ? stageNew(plan) : stageReplacement(plan, plan.original);
}

function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.leakproof-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}

function stageNew(plan: PlannedWrite): Staged {
  let madeDir: string | undefined;
  let temp = '';
  try {
    if (fs.existsSync(plan.path)) throw new WriteError(plan.path, 'appeared while leakproof was running; not overwritten, nothing written');
    madeDir = fs.mkdirSync(path.dirname(plan.path), { recursive: true });
    temp = tempBeside(plan.path);
    fs.writeFileSync(temp, Buffer.from(plan.output, 'utf8'), { flag: 'wx' });
    return { target: plan.path, temp, create: true, madeDir };
  } catch (err) {
    discard({ target: plan.path, temp: temp || plan.path + '.none', create: true, madeDir });
    if (err instanceof WriteError) throw err;
    throw new WriteError(plan.path, (err as Error).message);
  }
}

function stageReplacement(plan: PlannedWrite, original: Buffer): Staged {
  let target: string;
  let temp = '';
  try {
    // Through a symlink to the file it names: renaming over the link would replace the link itself.
    target = fs.realpathSync(plan.path);
    const st = fs.statSync(target);
    // Someone (an editor, a formatter) changed the file since we read it: their edit wins, we stop.
    if (!fs.readFileSync(target).equals(original)) {
      throw new WriteError(plan.path, 'changed on disk while leakproof was running; nothing written');
    }
    temp = tempBeside(target);
    const fd = fs.openSync(temp, 'wx', st.mode & 0o7777);
    try {
      fs.writeSync(fd, Buffer.from(plan.output, 'utf8'));
      // openSync's mode is filtered by the umask; set the exact bits the original had.
      fs.fchmodSync(fd, st.mode & 0o7777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return { target, temp, create: false };
  } catch (err) {
    if (temp) fs.rmSync(temp, { force: true });
    if (err instanceof WriteError) throw err;
    throw new WriteError(plan.path, (err as Error).message);
  }
}
