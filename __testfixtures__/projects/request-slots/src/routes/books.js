// Handlers that borrow the client the middleware parked on the request.

export const getBook = async (req, res) => {
  const client = req.pg;
  try {
    const result = await client.query('SELECT * FROM books WHERE id = $1', [req.params.id]);
    if (result.rowCount === 0) {
      client.release();
      return res.status(404).end();
    }
    res.json(result.rows[0]);
  } finally {
    client.release();
  }
};

// One release per path: nothing to say.
export const listBooks = async (req, res) => {
  const client = req.pg;
  try {
    const result = await client.query('SELECT * FROM books');
    res.json(result.rows);
  } finally {
    client.release();
  }
};

// Not a handler's request: a plain object that happens to have the same property.
export async function copyBook(job, id) {
  const client = job.pg;
  try {
    if (!id) {
      client.release();
      return;
    }
    await client.query('INSERT INTO books SELECT * FROM books WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}

// The shared pool, ended nowhere here.
export const countBooks = async (req, res) => {
  const pool = req.shared;
  const result = await pool.query('SELECT count(*) FROM books');
  res.json(result.rows[0]);
};
