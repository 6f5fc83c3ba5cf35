import type { ExportSpec, LibrarySpec, ModuleSpec, ResourceSpec } from './types';
import { pg } from './pg';
import { mysql2 } from './mysql2';
import { mariadb } from './mariadb';
import { mongodb } from './mongodb';
import { typeorm } from './typeorm';
import { neo4j } from './neo4j';
import { oracledb } from './oracledb';
import { mssql } from './mssql';
import { betterSqlite3 } from './better-sqlite3';
import { sqlite3 } from './sqlite3';
import { mysql } from './mysql';
import { mongoose } from './mongoose';
import { pgPromise } from './pg-promise';
import { redis, ioredis } from './redis';
import { fsPromises, fsSync } from './fs';
import { promiseMysql } from './promise-mysql';
import { postgresJs } from './postgres';
// pool-lifecycle: libraries known only for their long-lived instances (no per-call resources yet).
import { knex } from './knex';
import { sequelize, sequelizeCore } from './sequelize';
import { prisma } from './prisma';
// Libraries known for a callback API that ends a manual handle by outcome (see CallbackApiSpec).
import { kysely } from './kysely';
import { genericPool } from './generic-pool';
import { escapeRegExp } from '../../core/regex';
import { own } from '../../core/records';

export * from './types';
export { RELEASE_NAMES, RELEASE_CALL } from './releases';

export const LIBRARIES: LibrarySpec[] = [
  pg,
  mysql2,
  mariadb,
  mongodb,
  typeorm,
  neo4j,
  oracledb,
  mssql,
  betterSqlite3,
  sqlite3,
  mysql,
  mongoose,
  pgPromise,
  redis,
  ioredis,
  fsPromises,
  fsSync,
  promiseMysql,
  postgresJs,
  knex,
  sequelize,
  sequelizeCore,
  prisma,
  kysely,
  genericPool,
];

/** A kind qualified by its library, so `pg:Pool` and `mysql2:Pool` never meet. */
export interface Kind {
  lib: LibrarySpec;
  name: string;
}

/** Acquire method names too common in other code to let a file through on their own. */
export const TOO_COMMON = new Set(['create', 'get', 'open', 'run']);

export class Catalog {
  private readonly byModule = new Map<string, { lib: LibrarySpec; spec: ModuleSpec }>();
  private readonly fileKeys = new Set<string>();

  constructor(readonly libraries: LibrarySpec[] = LIBRARIES) {
    for (const lib of libraries) {
      for (const [specifier, spec] of Object.entries(lib.modules)) this.byModule.set(specifier, { lib, spec });
      // Project files (leakproof.config.json): keyed by absolute path without extension, which is also the
      // `specifier` provenance carries for them, so `module(key)` finds them like any package.
      for (const [file, spec] of Object.entries(lib.files ?? {})) {
        this.byModule.set(file, { lib, spec });
        this.fileKeys.add(file);
      }
    }
  }

  /** The configured project module an absolute file path (with or without extension) is, and its key. */
  moduleForFile(absFile: string): { key: string; lib: LibrarySpec; spec: ModuleSpec } | undefined {
    if (this.fileKeys.size === 0) return undefined;
    const stripped = absFile.replace(/\.[cm]?[jt]sx?$/i, '');
    const dirOfIndex = /[\\/]index$/.test(stripped) ? stripped.slice(0, -'/index'.length) : null;
    for (const key of [stripped, dirOfIndex]) {
      if (key && this.fileKeys.has(key)) return { key, ...this.byModule.get(key)! };
    }
    return undefined;
  }

  module(specifier: string): { lib: LibrarySpec; spec: ModuleSpec } | undefined {
    return this.byModule.get(specifier);
  }

  /**
   * The same catalogue without these modules: in a test file that mocks them, what they hand out holds nothing,
   * and so does what the project's modules make with them for this file (jest's registry is the test's).
   */
  without(specifiers: ReadonlySet<string>): Catalog {
    if (![...specifiers].some((s) => this.byModule.has(s))) return this;
    const narrowed = Object.create(this) as Catalog;
    narrowed.module = (specifier) => (specifiers.has(specifier) ? undefined : this.module(specifier));
    const mocked = new Set([...specifiers].flatMap((s) => this.byModule.get(s)?.lib ?? []));
    narrowed.mocked = (lib) => mocked.has(lib) || this.mocked(lib);
    return narrowed;
  }

  /** Is this library mocked (`without`) for the file? */
  mocked(_lib: LibrarySpec): boolean {
    return false;
  }

  private acquireNameSet: Set<string> | null = null;

  /**
   * Every property name a method call's callee can have when it acquires: catalogue methods and statics,
   * and every export (`ns.createPool()`, `new sql.ConnectionPool()`).
   */
  acquireNames(only?: LibrarySpec): Set<string> {
    if (this.acquireNameSet && !only) return this.acquireNameSet;
    const names = new Set<string>();
    for (const lib of only ? [only] : this.libraries) {
      for (const key of [...Object.keys(lib.methods), ...Object.keys(lib.statics ?? {})]) names.add(key.split('.')[1]);
      for (const spec of [...Object.values(lib.modules), ...Object.values(lib.files ?? {})]) {
        for (const name of Object.keys(spec.exports)) names.add(name);
      }
    }
    if (!only) this.acquireNameSet = names;
    return names;
  }

  resource(kind: Kind): ResourceSpec | undefined {
    return kind.lib.resources.find((r) => r.kind === kind.name);
  }

  method(kind: Kind, method: string): Kind | undefined {
    const name = kind.lib.methods[`${kind.name}.${method}`];
    return name ? { lib: kind.lib, name } : undefined;
  }

  staticMethod(kind: Kind, method: string): Kind | undefined {
    const name = own(kind.lib.statics, `${kind.name}.${method}`);
    return name ? { lib: kind.lib, name } : undefined;
  }

  /**
   * A cheap test that a file may hold a lifecycle: it names a catalogue module (`'pg'`) or calls a method
   * that yields a resource (`.connect(`, `.getConnection(`). Resources from the project's own modules are
   * still acquired through such a method, so a file that passes neither test is never parsed.
   */
  prefilterPattern(): RegExp {
    const specifiers = new Set<string>();
    const methods = new Set<string>();
    for (const lib of this.libraries) {
      for (const specifier of Object.keys(lib.modules)) specifiers.add(specifier);
      for (const [key, result] of [...Object.entries(lib.methods), ...Object.entries(lib.statics ?? {})]) {
        // (`create` — typeorm 0.2's ConnectionManager — is a name half of all code calls: a file that uses it
        // on a catalogue object imports the library or a project module the index marks, either of which
        // lets it through.)
        if (lib.resources.some((r) => r.kind === result) && !TOO_COMMON.has(key.split('.')[1])) methods.add(key.split('.')[1]);
      }
      for (const cb of lib.callbacks ?? []) methods.add(cb.acquire);
    }
    const quoted = `['"\`](?:${[...specifiers].map(escapeRegExp).join('|')})['"\`]`;
    const call = `\\.\\s*(?:${[...methods].map(escapeRegExp).join('|')})\\s*\\(`;
    return new RegExp(`${quoted}|${call}`);
  }

  /**
   * The sharper test of a run without the checker: the file imports a catalogue module (`from 'pg'`,
   * `require('pg')`, `import('pg')`). Syntax alone ties a resource to a library only through such an import
   * or through a project module, which the project index finds; a file that passes `prefilterPattern` but
   * not this one (`.connect(` on a receiver nothing names) can hold a lifecycle only in a checker's eyes.
   */
  importPattern(only?: LibrarySpec): RegExp {
    const specifiers = new Set((only ? [only] : this.libraries).flatMap((lib) => Object.keys(lib.modules)));
    // (Quote first, the rest looked behind for: V8 tries the pattern only at quotes.)
    return new RegExp(`['"\`](?<=(?<![\\w$.])(?:from|require|import)\\s*\\(?\\s*['"\`])(?:${[...specifiers].map(escapeRegExp).join('|')})['"\`]`);
  }
}

export type { ExportSpec };
export const defaultCatalog = new Catalog();

/**
 * The catalogue kind of a type that package `pkg` declares as `typeName` (`PoolClient` of `pg`), among the
 * kinds `accept` takes (a resource, or also a pool): what the checker's word on a type means to leakproof.
 */
export function catalogueKind(libraries: LibrarySpec[], pkg: string, typeName: string, accept: (lib: LibrarySpec, kind: string) => boolean): { lib: LibrarySpec; kind: string } | null {
  for (const lib of libraries) {
    const owns = lib.packageName === pkg || Object.keys(lib.modules).some((m) => m === pkg || m.startsWith(`${pkg}/`)) || (lib.typePackages ?? []).includes(pkg);
    if (!owns) continue;
    for (const spec of Object.values(lib.modules)) {
      const kind = own(spec.types, typeName);
      if (kind && accept(lib, kind)) return { lib, kind };
    }
  }
  return null;
}

// `jest.mock('pg', …)` / `vi.mock('pg')`: hoisted above the file's imports, so every import of the module gets
// the mock (`doMock` and `unstable_mockModule` only reach later dynamic imports, and are not counted).
const MOCKS = /\b(?:jest|vi)\s*\.\s*mock\s*\(\s*(['"`])([^'"`\n]+)\1/g;

/** The module specifiers a test file replaces with mocks for all of its imports. */
export function mockedModules(text: string): Set<string> {
  return new Set([...text.matchAll(MOCKS)].map((m) => m[2]));
}
