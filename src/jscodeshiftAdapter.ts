import type { LeakTransform, TransformOptions } from './model';

// A leakproof transform as a standard jscodeshift module: `jscodeshift -t dist/transforms/<name>.js` gives
// the same text as `leakproof -t <name> --write`. Findings go to jscodeshift's `api.report`.
interface FileInfo {
  path: string;
  source: string;
}
interface Api {
  report(message: string): void;
}

export function asJscodeshift(transform: LeakTransform) {
  return function jscodeshiftTransform(file: FileInfo, api: Api, options: Record<string, unknown>): string | undefined {
    const opts: TransformOptions = {
      adapter: options.adapter === 'stack' ? 'stack' : 'object',
      reportOnly: options.reportOnly === true || options['report-only'] === true,
    };
    const out = transform.apply(file.source, file.path, opts);
    for (const f of out.findings) {
      if (f.outcome === 'reported') api.report(`${f.line}:${f.column}  ${f.library}  ${f.reason}`);
    }
    // undefined tells jscodeshift "skipped": the file is not written at all.
    return out.source ?? undefined;
  };
}
