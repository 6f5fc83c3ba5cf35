// Releases the client its caller checked out on every path: nothing to say.
export async function settle(client, sql) {
  try {
    const { rows } = await client.query(sql);
    return rows;
  } finally {
    client.release();
  }
}
