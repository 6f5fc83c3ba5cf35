// leakproof/no-leaky-lifecycle: the CLI's in-file transforms (lifecycles, then pool-lifecycle) run on the text
// being linted, through their public API (`apply(source, path, options)`). Each finding becomes a problem
// with the reason as its message. A leak the CLI would fix carries the rewrite as an autofix: the smallest
// single replacement between the text and the transforms' output, so `eslint --fix` writes exactly what
// `leakproof --write -t lifecycles -t pool-lifecycle` writes. A restatement of safe code
// (`modernize: true`) is a suggestion, the user's call; a reported lifecycle has no fix.
//
// With typescript-eslint's parser services (a type-checked program), the checker's facts about each held call
// are passed as the CLI's type-aware mode passes them; without, the rule sees what `--no-types` sees.
// Not here: remove-redundant-close (it needs the whole project's references) and the baseline (ESLint has
// its own bulk suppressions). leakproof-ignore comments work as in the CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from 'eslint';
import type { Finding, LeakTransform, TransformOptions } from '../core/model';
import { lifecycles } from '../../transforms/lifecycles';
import { poolLifecycle } from '../../transforms/pool-lifecycle';
import { fixLabel } from '../cli/report';
import { placeInOriginal } from '../cli/positions';
import { smallestReplacement, type Replacement } from '../cli/replacement';
import { applyDirectives, findDirectives } from '../cli/suppressions';
import { typeFactsFor } from './typeFacts';
import { TYPES } from '../js/checker/pass';

const CHAIN: LeakTransform[] = [lifecycles, poolLifecycle];
const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

interface RuleOptions {
  style?: 'auto' | 'using' | 'with-session' | 'try-finally';
  helperImport?: string;
  adapter?: 'object' | 'stack';
  modernize?: boolean;
}

export interface LintResult {
  findings: Finding[];
  /** The rewrite of the whole text, or `null` when nothing changes. */
  fix: Replacement | null;
  /** Files the rewrite needs that do not exist (a generated helper): ESLint cannot create them, so no fix. */
  missingFiles: string[];
}

/**
 * Runs the chain like the CLI does (each transform on the previous one's output), findings placed in the
 * linted text.
 */
export function lintText(text: string, file: string, options: TransformOptions): LintResult {
  let current = text;
  const findings: Finding[] = [];
  const extra: string[] = [];
  for (const t of CHAIN) {
    // Type facts are keyed by positions in the linted text: valid only until a transform changes it.
    // Type facts are keyed by offsets in the text as read: a later transform sees the file without them.
    const out = t.apply(current, file, current === text ? options : { ...options, facts: undefined });
    findings.push(...placeInOriginal(out.findings, text, current));
    if (out.source !== null) {
      current = out.source;
      extra.push(...(out.extraFiles ?? []).map((e) => e.path));
    }
  }
  return { findings, fix: smallestReplacement(text, current), missingFiles: [...new Set(extra)].filter((p) => !fs.existsSync(p)) };
}

/** The name the transforms parse by: the file's own, or for stdin (`<input>`) one that matches ESLint's parser. */
function transformPath(context: Rule.RuleContext): string | null {
  const file = context.physicalFilename || context.filename;
  if (EXTENSIONS.has(path.extname(file).toLowerCase())) return path.resolve(context.cwd, file);
  if (!file.startsWith('<')) return null;
  const parser = (context.languageOptions as { parser?: { meta?: { name?: string } } }).parser;
  const ts = /typescript-eslint/.test(parser?.meta?.name ?? '') || !!(context.sourceCode.parserServices as { esTreeNodeToTSNodeMap?: unknown } | undefined)?.esTreeNodeToTSNodeMap;
  return path.join(context.cwd, `leakproof-input${ts ? '.ts' : '.js'}`);
}

export const noLeakyLifecycle: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Resources (database connections, clients, transactions, handles) must be released on every path',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          style: { enum: ['auto', 'using', 'with-session', 'try-finally'] },
          helperImport: { type: 'string' },
          adapter: { enum: ['object', 'stack'] },
          modernize: { type: 'boolean' },
        },
      },
    ],
    messages: {
      leak: '{{library}} `{{resource}}`: {{problem}}. leakproof fixes it (→ {{fix}}).',
      leakNeedsHelper: '{{library}} `{{resource}}`: {{problem}}. leakproof fixes it (→ {{fix}}) with a helper file that does not exist yet: run `npx leakproof --write` (or set `helperImport`).',
      modernize: '{{library}} `{{resource}}` already releases on every path; leakproof can restate it (→ {{fix}}).',
      reported: '{{library}} `{{resource}}`: {{reason}}.',
      applyRewrite: "Apply leakproof's rewrite of this file (→ {{fix}})",
    },
  },
  create(context) {
    const file = transformPath(context);
    if (!file) return {};
    const opts = (context.options[0] ?? {}) as RuleOptions;
    const options: TransformOptions = {
      ...(opts.style ? { style: opts.style } : {}),
      ...(opts.helperImport ? { helperImport: opts.helperImport } : {}),
      ...(opts.adapter ? { adapter: opts.adapter } : {}),
      ...(opts.modernize ? { modernize: true } : {}),
    };
    const calls: Parameters<typeof typeFactsFor>[1] = [];
    const collect = (node: unknown) => void calls.push(node as (typeof calls)[number]);
    return {
      CallExpression: collect,
      NewExpression: collect,
      'Program:exit'() {
        const text = context.sourceCode.text;
        const typeFacts = typeFactsFor(context, calls);
        let result: LintResult;
        try {
          result = lintText(text, file, typeFacts ? { ...options, facts: { [TYPES]: typeFacts } } : options);
        } catch (err) {
          // ESLint's parser took the file and ours did not (a syntax only one of them knows): say nothing.
          if (err instanceof SyntaxError || (typeof err === 'object' && err !== null && 'loc' in err)) return;
          throw err;
        }
        const { kept } = applyDirectives(result.findings, findDirectives(text, file));
        const fix = result.fix && result.missingFiles.length === 0 ? result.fix : null;
        const fixer = (r: Replacement): Rule.ReportFixer => (f) => f.replaceTextRange([r.start, r.end], r.text);
        for (const x of kept) {
          const loc = { line: x.line, column: x.column - 1 };
          const data = { library: x.library, resource: x.resource, problem: x.problem ?? x.reason, reason: x.reason, fix: fixLabel(x, file) };
          if (x.outcome === 'reported') {
            context.report({ loc, messageId: 'reported', data });
          } else if (x.outcome === 'modernized') {
            context.report({ loc, messageId: 'modernize', data, suggest: fix ? [{ messageId: 'applyRewrite', data, fix: fixer(fix) }] : [] });
          } else if (fix) {
            context.report({ loc, messageId: 'leak', data, fix: fixer(fix) });
          } else {
            context.report({ loc, messageId: result.missingFiles.length > 0 ? 'leakNeedsHelper' : 'leak', data });
          }
        }
      },
    };
  },
};
