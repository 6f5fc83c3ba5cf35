/**
 * remove-redundant-close — classes that own connections, their close() methods and the calls of them,
 * across the project's files (ts-morph references).
 *
 * What it does:
 * 1. A close-like method (`close`, `dispose`, `disconnect`, `end`, `destroy`, `shutdown`, …) whose body only
 *    releases or resets fields that no longer hold anything (never assigned but `undefined`/`null`, read
 *    nowhere else — the class acquires per call now) is removed, with those fields and every call of it:
 *    `db.close();`, `await db.close();`, a `finally { await db.close(); }` left empty goes whole.
 * 2. A class that owns a long-lived resource (a field it fills itself with a pool, a client, a connection, a
 *    disposable, or another such class) and releases it in a close-like method gets
 *    `async [Symbol.asyncDispose]() { await this.close(); }` (`[Symbol.dispose]` for a synchronous close);
 *    `close()` stays for the callers that still call it. Local callers,
 *    `const db = new Database(); … await db.close();`, become `await using db = new Database();` under the
 *    lifecycle transforms' rules and `--style` choice (try/finally where the file cannot take `using`).
 * 3. An explicit release left after a `using` declaration of the same resource — `conn.release()` after
 *    `await using conn = …`, `client.release()` after its disposer, `db.close()` after `await using db` — is
 *    removed: the resource would be released twice.
 * 4. A method reachable from the package entry point (package.json `main`/`exports`/`types`, mapped to the
 *    source) is kept, with a finding.
 *
 * Why is this bad: a close() that callers must remember is forgotten on error paths and the connection
 * leaks; a close() that releases nothing is dead weight every caller still pays attention to; a release
 * after `using` releases twice, which throws in pg ("Release called on client which has already been
 * released"), oracledb (NJS-003) and mariadb (a pool ended twice).
 *
 * Example:
 *   class Database {                                  class Database {
 *     private pool = new Pool();                        private pool = new Pool();
 *     async close() { await this.pool.end(); }          async close() { await this.pool.end(); }
 *   }                                           →       async [Symbol.asyncDispose](): Promise<void> { await this.close(); }
 *   const db = new Database();                        }
 *   const rows = await db.query(sql);                 await using db = new Database();
 *   await db.close();                                 const rows = await db.query(sql);
 *
 * Fix safety: nothing is removed that is still referenced. A method stays (and is reported) when a
 * reference is anything but a call statement with a plain receiver, when a call sits in a file the run does
 * not rewrite, when the method implements, overrides or is overridden by another class's member, when the
 * class is reachable from the package entry point, or when the edited project would no longer type-check
 * (the removal is tried on the checker first). Fields go only when every reference is in the method or a
 * reset; a field filled by a constructor parameter is injected, not owned, and never makes a class
 * disposable. Callers are rewritten only where the lifecycle transforms would rewrite a library's resource;
 * their refusals are reported with the lifecycle reasons. A release after `using` goes only when the
 * disposal happens at the same point (it is the last statement, or ends a finally that ends the block);
 * otherwise it is reported. Without a tsconfig.json only case 3 runs. As a plain jscodeshift module it
 * plans from the files on disk once per process: run it with `--no-babel` (jscodeshift's babel hook cannot
 * load ts-morph) and `--run-in-band` (several processes writing files as they go would each plan from a
 * project the others are changing); otherwise only case 3 runs, and the classes are reported.
 */
import * as os from 'node:os';
import type { LeakTransform } from '../src/core/model';
import { asJscodeshift } from '../src/js/jscodeshift';
import { LIFECYCLE_REASONS } from '../src/js/analysis/reasons';
import { CLOSE_REASONS } from '../src/js/close/reasons';
import { localOnlyPlan } from '../src/js/close/plan';
import { CLOSE_PLAN } from '../src/js/close/prepass';
import { runRemoveRedundantClose } from '../src/js/close/transform';

export const meta = {
  name: 'remove-redundant-close',
  description: 'Remove close() methods that release nothing (and their calls), make classes that own a connection disposable (`await using` at their callers), drop releases left after `using`.',
  reasons: { ...LIFECYCLE_REASONS, ...CLOSE_REASONS },
};

export const removeRedundantClose: LeakTransform = {
  meta,
  apply: (source, path, options) => runRemoveRedundantClose(source, path, options, meta.name),
};

const HOW = 'run jscodeshift with --no-babel --run-in-band (or use leakproof)';
const BABEL = `jscodeshift's babel hook recompiles every module it loads and cannot load ts-morph; ${HOW}`;
const SEVERAL_PROCESSES = `jscodeshift runs several processes that write files as they go, so none sees the project as it was; ${HOW}`;

const acrossFiles = asJscodeshift(removeRedundantClose);
const fileByFile = (why: string) =>
  asJscodeshift({ meta, apply: (source, path, options) => removeRedundantClose.apply(source, path, { ...options, facts: { ...options.facts, [CLOSE_PLAN]: localOnlyPlan(why) } }) });
const withoutBabel = fileByFile(BABEL);
const severalProcesses = fileByFile(SEVERAL_PROCESSES);

/**
 * jscodeshift: edits across files only where ts-morph can load (`--no-babel`) and one process sees every
 * file before any is written (`--run-in-band`, `--dry`, or a single worker).
 */
export default function jscodeshiftTransform(file: { path: string; source: string }, api: { report(message: string): void }, options: Record<string, unknown>): string | undefined {
  if (options.babel !== false) return withoutBabel(file, api, options);
  const cpus = typeof options.cpus === 'number' ? options.cpus : Math.max(os.cpus().length - 1, 1);
  const oneProcess = options.runInBand === true || options.dry === true || cpus <= 1;
  return (oneProcess ? acrossFiles : severalProcesses)(file, api, options);
}
