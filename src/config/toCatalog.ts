// Configured resources become catalogue data like any built-in library: a module spec whose exports
// yield a resource kind, with the configured release. Relative modules are keyed by file (LibrarySpec.files),
// so an import of the same file from anywhere in the package resolves to them.
import * as path from 'node:path';
import { Catalog, defaultCatalog, LIBRARIES, mockedModules, type LibrarySpec, type ModuleSpec } from '../catalog/js';
import type { TransformOptions } from '../core/model';
import { packageRoot } from '../js/project/packageInfo';
import { loadConfig, resolveConfiguredModule, type LoadedConfig } from './load';
import { isRelative, packageOf } from './schema';

const stripExtension = (file: string) => file.replace(/\.[cm]?[jt]sx?$/i, '');

/** The LibrarySpec entries of a configuration: one per configured module. */
export function librariesFromConfig(config: LoadedConfig): LibrarySpec[] {
  const byModule = new Map<string, { lib: LibrarySpec; spec: ModuleSpec }>();
  for (const r of config.resources) {
    let entry = byModule.get(r.module);
    if (!entry) {
      const spec: ModuleSpec = { exports: {} };
      const lib: LibrarySpec = {
        library: r.library,
        // Relative modules have no installed version; the specifier never matches a real package name.
        packageName: isRelative(r.module) ? r.module : packageOf(r.module),
        modules: {},
        methods: {},
        resources: [],
      };
      if (isRelative(r.module)) {
        // Keyed both as written (`<root>/db`) and as resolved (`<root>/db/index`), without extension.
        const keys = new Set([stripExtension(path.resolve(config.root, r.module))]);
        const resolved = resolveConfiguredModule(config.root, r.module);
        if (resolved) keys.add(stripExtension(resolved));
        lib.files = Object.fromEntries([...keys].map((k) => [k, spec]));
      } else {
        lib.modules[r.module] = spec;
      }
      entry = { lib, spec };
      byModule.set(r.module, entry);
    }
    const { lib, spec } = entry;
    // Kind names never hold a '.': the catalogue keys methods as `Kind.method`.
    const kind = `resource:${r.acquire.replace('.', ':')}`;
    const dot = r.acquire.indexOf('.');
    if (dot < 0) {
      spec.exports[r.acquire] = { factory: kind };
    } else {
      const exported = r.acquire.slice(0, dot);
      const owner = `export:${exported}`;
      spec.exports[exported] ??= { instance: owner };
      lib.methods[`${owner}.${r.acquire.slice(dot + 1)}`] = kind;
    }
    lib.resources.push({ kind, noun: r.noun, release: [{ method: r.release, async: r.async }] });
  }
  return [...byModule.values()].map((e) => e.lib);
}

/** Words whose presence lets a file past the prefilter: the configured acquire functions and methods. */
export function acquireNames(config: LoadedConfig | null): string[] {
  return [...new Set((config?.resources ?? []).map((r) => r.acquire.slice(r.acquire.indexOf('.') + 1)))];
}

/** `base`, also admitting text that names one of `names` as a whole word. */
export function prefilterWith(base: RegExp, names: string[]): RegExp {
  if (names.length === 0) return base;
  const words = names.map((n) => n.replace(/[$]/g, '\\$')).join('|');
  return new RegExp(`${base.source}|(?<![\\w$])(?:${words})(?![\\w$])`, base.flags);
}

export interface FileCatalog {
  catalog: Catalog;
  prefilter: RegExp;
  /** The package's configuration (for style and helper defaults), or null. */
  config: LoadedConfig | null;
  /** The libraries that came from the configuration. */
  custom: ReadonlySet<LibrarySpec>;
}

const DEFAULT: FileCatalog = { catalog: defaultCatalog, prefilter: defaultCatalog.prefilterPattern(), config: null, custom: new Set() };
const perRoot = new Map<string, FileCatalog>();

/**
 * The catalogue for a file: the built-in libraries plus its package's configured resources. One per package
 * root (rebuilt only when the configuration is reloaded). Throws ConfigError on a malformed configuration.
 */
export function catalogFor(absoluteFile: string): FileCatalog {
  const root = packageRoot(path.dirname(absoluteFile));
  if (!root) return DEFAULT;
  const config = loadConfig(root);
  if (!config) return DEFAULT;
  const cached = perRoot.get(root);
  if (cached && cached.config === config) return cached;
  let made: FileCatalog;
  if (config.resources.length === 0) {
    made = { ...DEFAULT, config };
  } else {
    const custom = librariesFromConfig(config);
    const catalog = new Catalog([...LIBRARIES, ...custom]);
    made = { catalog, prefilter: prefilterWith(catalog.prefilterPattern(), acquireNames(config)), config, custom: new Set(custom) };
  }
  perRoot.set(root, made);
  return made;
}

/**
 * catalogFor, without the modules the file's text mocks (a test's `vi.mock('pg', …)`): they hand out nothing
 * real. With those specifiers, for the project modules among them (withoutMockedModules).
 */
export function catalogForText(absoluteFile: string, text: string): FileCatalog & { mocked: ReadonlySet<string> } {
  const made = catalogFor(absoluteFile);
  const mocked = mockedModules(text);
  return { ...made, catalog: made.catalog.without(mocked), mocked };
}

/** `options` with the configuration's style and helper settings filling what the options leave unset. */
export function withConfigDefaults(options: TransformOptions, config: LoadedConfig): TransformOptions {
  const out: TransformOptions = { ...options };
  const style = options.style ?? config.style;
  const helperImport = options.helperImport ?? config.helperImport;
  const helperPath = options.helperPath ?? config.helperPath;
  if (style !== undefined) out.style = style;
  if (helperImport !== undefined) out.helperImport = helperImport;
  if (helperPath !== undefined) out.helperPath = helperPath;
  return out;
}
