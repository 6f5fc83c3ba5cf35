import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LeakTransform, StyleChoice, TransformOptions } from '../core/model';
import { parseModuleOrScript, parserOptionsFor } from './syntax/parse';

// A leakproof transform as a standard jscodeshift module: `jscodeshift -t dist/transforms/<name>.js` gives
// the same text as `leakproof -t <name> --write`. Findings go to jscodeshift's `api.report`.
interface FileInfo {
  path: string;
  source: string;
}
interface Api {
  report(message: string): void;
}

const STYLES = new Set(['auto', 'using', 'with-session', 'try-finally']);

export function asJscodeshift(transform: LeakTransform) {
  return function jscodeshiftTransform(file: FileInfo, api: Api, options: Record<string, unknown>): string | undefined {
    const opts: TransformOptions = {
      adapter: options.adapter === 'stack' ? 'stack' : 'object',
      reportOnly: options.reportOnly === true || options['report-only'] === true,
      modernize: options.modernize === true || options.modernize === 'true',
      style: typeof options.style === 'string' && STYLES.has(options.style) ? (options.style as StyleChoice) : undefined,
      helperImport: typeof options['helper-import'] === 'string' ? options['helper-import'] : undefined,
      helperPath: typeof options['helper-path'] === 'string' ? options['helper-path'] : undefined,
    };
    const out = transform.apply(file.source, file.path, opts);
    // As the runner does: a text that does not parse is never written (jscodeshift lists the file as failed).
    if (out.source !== null) {
      try {
        parseModuleOrScript(out.source, parserOptionsFor(file.path));
      } catch (err) {
        throw new Error(`internal error: transform ${transform.meta.name} made a text that does not parse (${err instanceof Error ? err.message : String(err)}); the file is left as it is (please report it)`);
      }
    }
    for (const f of out.findings) {
      if (f.outcome === 'reported') api.report(`${f.line}:${f.column}  ${f.library}  ${f.reason}`);
    }
    // jscodeshift only writes the file it was given; a generated helper is created here, never overwritten.
    if (!options.dry && out.source !== null) {
      for (const extra of out.extraFiles ?? []) {
        if (fs.existsSync(extra.path)) continue;
        fs.mkdirSync(path.dirname(extra.path), { recursive: true });
        fs.writeFileSync(extra.path, extra.source, { flag: 'wx' });
      }
    }
    // undefined tells jscodeshift "skipped": the file is not written at all.
    return out.source ?? undefined;
  };
}
