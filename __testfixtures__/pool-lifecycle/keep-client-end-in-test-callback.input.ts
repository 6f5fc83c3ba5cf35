// Each test makes its own pg Client and ends it inside a query callback, just before done(). Removing the
// end() would leave the connection open and the suite would never exit. A file whose top level calls
// describe() is test code wherever it lives, and a single client's end() is never pool-lifecycle's to remove.
import pg from 'pg';

declare function describe(name: string, fn: () => void): void;
declare function it(name: string, fn: (done: (err?: unknown) => void) => void): void;

describe('a client after a failed query', () => {
  it('still answers the next one', (done) => {
    const client = new pg.Client();
    void client.connect();
    client.query('SELEC 1', (err) => {
      if (!err) return done(new Error('expected a syntax error'));
      client.query('SELECT 1', (err2) => {
        client.end();
        done(err2 ?? undefined);
      });
    });
  });
});
