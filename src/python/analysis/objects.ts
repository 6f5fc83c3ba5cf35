// Instances of the project's own classes that are not resources themselves but whose methods hand one out:
// `self.storage = Storage(bot)` — or, with discord.py, `self.storage = bot.get_cog('Storage')` — and then
// `self.storage.gen_session()` makes a session, as a call of a module-level factory (analysis/factories) does.
import type { PyNode, PyTree } from '../parse/tree';
import { callParts, statements } from '../parse/syntax';
import { DISCORD_COG_BASES, DISCORD_GET_COG_METHOD } from '../../catalog/python/discord';
import { Imports } from './imports';
import type { ExternalValue, ExternalValues, FileModel } from './values';

/** What each method of a class makes, for the methods that are factories: every return hands out a new resource. */
export function methodFactories(model: FileModel, cls: PyNode): Map<string, ExternalValue> {
  const out = new Map<string, ExternalValue>();
  const body = cls.field('body');
  if (!body) return out;
  for (const s of statements(body)) {
    const def = s.kind === 'decorated_definition' ? s.field('definition') : s;
    if (def?.kind !== 'function_definition') continue;
    const made = model.factoryValue(def);
    const name = def.field('name')?.text;
    if (made && name) out.set(name, { kind: made.kind, library: made.library, maybeNone: made.maybeNone, via: made.via, freshRegistry: made.freshRegistry });
  }
  return out;
}

/** A string literal with no prefix and no escapes: its value. */
function plainString(node: PyNode | undefined): string | null {
  const m = node?.kind === 'string' ? /^(["'])([^"'\\{}\n]*)\1$/.exec(node.text) : null;
  return m ? m[2] : null;
}

/**
 * The name discord.py registers a cog class under (DISCORD_COG_NAME): the `name="…"` keyword of its class
 * statement, or the class name. Undefined for a class that does not derive from commands.Cog itself; null when
 * the keyword is not a plain string.
 */
export function cogNameOf(imports: Imports, cls: PyNode): string | null | undefined {
  const args = cls.field('superclasses')?.named.filter((a) => a.kind !== 'comment') ?? [];
  if (!args.some((b) => b.kind !== 'keyword_argument' && DISCORD_COG_BASES.includes(imports.qualify(b) ?? ''))) return undefined;
  return registeredName(cls);
}

/** The name keyword of a class statement when there is one (null when not a plain string), else the class name. */
function registeredName(cls: PyNode): string | null {
  const keyword = cls.field('superclasses')?.named.find((a) => a.kind === 'keyword_argument' && a.field('name')?.text === 'name');
  return keyword ? plainString(keyword.field('value') ?? undefined) : (cls.field('name')?.text ?? null);
}

/** The cog a `….get_cog('Name')` call asks for: one plain string argument, in a file that imports discord. */
export function getCogName(imports: Imports, call: PyNode): string | null {
  const parts = callParts(call);
  if (!parts || parts.callee.kind !== 'attribute' || parts.callee.field('attribute')?.text !== DISCORD_GET_COG_METHOD) return null;
  if (parts.positional.length !== 1 || parts.keywords.size || parts.splat) return null;
  if (![...imports.bindings.values()].some((b) => /^discord(\.|$)/.test(b.qualified))) return null;
  return plainString(parts.positional[0]);
}

/**
 * The cogs of a project whose instances `get_cog` can be known to return, by cog name: a name exactly one class
 * of the run can be registered under, that class deriving from commands.Cog and having factory methods. Nothing
 * when some class's name keyword is not a plain string (it could be any name) or when the project defines its
 * own get_cog (a Bot subclass that looks cogs up another way).
 */
export function cogRegistry(files: { tree: PyTree; methodsOf: (className: string) => Map<string, ExternalValue> | undefined }[]): ExternalValues {
  const byName = new Map<string, { cls: PyNode; file: (typeof files)[number]; imports: Imports }[]>();
  for (const f of files) {
    const imports = new Imports(f.tree.root);
    for (const cls of f.tree.root.findAll(['class_definition'])) {
      const body = cls.field('body');
      if (body && statements(body).some((s) => (s.kind === 'decorated_definition' ? s.field('definition') : s)?.field('name')?.text === DISCORD_GET_COG_METHOD)) return new Map();
      const name = registeredName(cls);
      if (name === null) return new Map();
      byName.set(name, [...(byName.get(name) ?? []), { cls, file: f, imports }]);
    }
  }
  const out: ExternalValues = new Map();
  for (const [name, found] of byName) {
    if (found.length !== 1) continue;
    const { cls, file, imports } = found[0];
    if (cls.parent?.kind !== 'module' && !(cls.parent?.kind === 'decorated_definition' && cls.parent.parent?.kind === 'module')) continue;
    if (cogNameOf(imports, cls) !== name) continue;
    const className = cls.field('name')!.text;
    const methods = file.methodsOf(className);
    if (methods?.size) out.set(name, { kind: 'class', library: 'project', className, methods });
  }
  return out;
}
