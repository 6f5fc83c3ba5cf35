// Resources handed out by the project's own helpers (issue 13): a factory under a local name, a callback
// acquire wrapped in a promise, a module's record of its instances, a helper that opens a transaction.
// Each is found through the project index and reported with a reason that is true for the caller's code;
// the safe shapes beside them (one instance per process, a helper whose caller ends what it gets) stay silent.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingLines } from '../cli/helpers';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/helper-resources');

describe('resources from project helpers', () => {
  const all = findingLines(PROJECT);

  it('a knex factory called under a local name makes a pool per call: pool-per-call, the module instance stays', () => {
    expect(all.filter((f) => f.startsWith('src/services/audit.js'))).toEqual(['src/services/audit.js:5 reported pool-per-call knex']);
  });

  it('a promise over pool.getConnection in a helper is an acquire at its call, whatever pool the caller passes', () => {
    expect(all.filter((f) => f.startsWith('src/services/stock.js:46'))).toEqual(['src/services/stock.js:46 fixed fixed-try-finally mysql']);
  });

  it('a connection handed out with a transaction begun: never ended and released is transaction-no-rollback; an error path that keeps it is callback-path-unreleased', () => {
    expect(all).toContain('src/services/stock.js:7 reported transaction-no-rollback mysql');
    expect(all).toContain('src/services/stock.js:17 reported callback-path-unreleased mysql');
  });

  it('a connection handed to a helper that releases it is released-by-callee', () => {
    expect(all).toContain('src/services/stock.js:29 reported released-by-callee mysql');
  });

  it('the helper that releases the connection its callers hand it only once the query succeeded is reported there; the other helpers, and the caller that releases in a finally, stay silent', () => {
    expect(all.filter((f) => f.startsWith('src/db/'))).toEqual(['src/db/checkout.js:13 reported released-conditionally mysql']);
    expect(all.filter((f) => f.startsWith('src/services/stock.js')).length).toBe(4);
  });

  it("a helper that opens a transaction on the models registry's instance: a catch that only logs is transaction-no-rollback, a missing await is acquire-not-awaited", () => {
    expect(all.filter((f) => f.startsWith('src/services/invoices.js'))).toEqual([
      'src/services/invoices.js:20 reported acquire-not-awaited sequelize',
      'src/services/invoices.js:6 reported transaction-no-rollback sequelize',
    ]);
    expect(all.filter((f) => f.startsWith('src/models/'))).toEqual([]);
  });
});
