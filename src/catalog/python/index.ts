// Lookups over the Python catalogue.
import { DBAPI_CONSTRUCTORS, DBAPI_RESOURCES } from './dbapi';
import { FLASK_CONSTRUCTORS } from './flask';
import { SQLALCHEMY_ATTRIBUTES, SQLALCHEMY_CONSTRUCTORS, SQLALCHEMY_METHODS, SQLALCHEMY_RESOURCES } from './sqlalchemy';
import type { AttributeFact, ConstructorFact, MethodFact, ResourceFact, ResourceKind, ValueKind } from './types';

export type { ResourceFact, ResourceKind, ValueKind, ConstructorFact, Source } from './types';

const CONSTRUCTORS: ConstructorFact[] = [...SQLALCHEMY_CONSTRUCTORS, ...DBAPI_CONSTRUCTORS, ...FLASK_CONSTRUCTORS];
const BY_NAME = new Map<string, ConstructorFact>();
for (const c of CONSTRUCTORS) for (const n of c.names) BY_NAME.set(n, c);

/** The constructor fact for a qualified callee name (`sqlalchemy.orm.Session`). */
export function constructorNamed(qualified: string): ConstructorFact | undefined {
  return BY_NAME.get(qualified);
}

export function methodFact(on: ValueKind, method: string): MethodFact | undefined {
  return SQLALCHEMY_METHODS.find((m) => m.method === method && m.on.includes(on));
}

export function attributeFact(on: ValueKind, attribute: string): AttributeFact | undefined {
  return SQLALCHEMY_ATTRIBUTES.find((a) => a.attribute === attribute && a.on.includes(on));
}

const RESOURCE_KINDS = new Set<ValueKind>(['session', 'async-session', 'scoped-session', 'connection', 'async-connection', 'raw-connection', 'dbapi-connection']);

export function isResourceKind(kind: ValueKind): kind is ResourceKind {
  return RESOURCE_KINDS.has(kind);
}

export function resourceFact(kind: ResourceKind, library: string): ResourceFact {
  if (kind === 'dbapi-connection') return DBAPI_RESOURCES[library] ?? DBAPI_RESOURCES.psycopg2;
  return SQLALCHEMY_RESOURCES.find((r) => r.kind === kind)!;
}

/** Every module the catalogue knows, for the file prefilter. */
export const CATALOGUE_MODULES = ['sqlalchemy', 'sqlmodel', 'psycopg2', 'psycopg', 'sqlite3', 'pymysql', 'MySQLdb', 'flask', 'flask_sqlalchemy'];
