import { Repository } from '../data/repository';

class Invoices extends Repository {
  constructor() {
    super('invoices');
  }

  // BEGIN and COMMIT on a checked-out client that goes back to nobody.
  async issue(customer: number, amount: number): Promise<number> {
    const client = await this.store.checkout();
    try {
      await client.query('BEGIN');
      const res = await client.query('INSERT INTO invoices (customer, amount) VALUES ($1, $2) RETURNING id', [customer, amount]);
      await client.query('COMMIT');
      return res.rows[0].id;
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  }

  // Released on the happy path only.
  async total(customer: number): Promise<number> {
    const client = await this.store.checkout();
    const res = await client.query('SELECT sum(amount) AS total FROM invoices WHERE customer = $1', [customer]);
    client.release();
    return Number(res.rows[0].total);
  }

  // Released on every path already: nothing to say.
  async last(customer: number) {
    const client = await this.store.checkout();
    try {
      const res = await client.query('SELECT * FROM invoices WHERE customer = $1 ORDER BY id DESC LIMIT 1', [customer]);
      return res.rows[0];
    } finally {
      client.release();
    }
  }

  // The shared pool itself: no checkout, nothing to release.
  async purge(): Promise<void> {
    await this.store.handle()!.query('DELETE FROM invoices WHERE amount = 0');
  }
}

export default new Invoices();
