import { describe, expect, it } from 'vitest';
import { constructorNamed, resourceFact } from '../../src/catalog/python';
import { SQLALCHEMY_CONSTRUCTORS, SQLALCHEMY_RESOURCES } from '../../src/catalog/python/sqlalchemy';
import { DBAPI_CONSTRUCTORS, DBAPI_RESOURCES } from '../../src/catalog/python/dbapi';

describe('Python catalogue', () => {
  it('gives every resource a documented context manager, with its source', () => {
    for (const r of [...SQLALCHEMY_RESOURCES, ...Object.values(DBAPI_RESOURCES)]) {
      expect(r.contextManager.url).toMatch(/^https:\/\//);
      expect(r.contextManager.says.length).toBeGreaterThan(30);
    }
  });

  it('never scopes a DBAPI connection with its own context manager', () => {
    // psycopg2 and sqlite3 would only end the transaction, psycopg 3 would commit: closing() only closes.
    for (const r of Object.values(DBAPI_RESOURCES)) expect(r.withForm).toBe('closing');
    expect(resourceFact('raw-connection', 'sqlalchemy').withForm).toBe('closing');
  });

  it('knows each constructor under the names it is importable by', () => {
    expect(constructorNamed('sqlalchemy.orm.Session')?.produces).toBe('session');
    expect(constructorNamed('sqlalchemy.create_engine')?.produces).toBe('engine');
    expect(constructorNamed('psycopg2.connect')?.library).toBe('psycopg2');
    expect(constructorNamed('sqlalchemy.orm.scoped_session')?.produces).toBe('scoped-registry');
    const names = [...SQLALCHEMY_CONSTRUCTORS, ...DBAPI_CONSTRUCTORS].flatMap((c) => c.names);
    expect(new Set(names).size).toBe(names.length);
  });

  it('records that a second close() raises in PyMySQL', () => {
    expect(DBAPI_RESOURCES.pymysql.closeIdempotent).toBe(false);
    expect(DBAPI_RESOURCES.psycopg2.closeIdempotent).toBe(true);
  });
});
