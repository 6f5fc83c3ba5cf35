// A session released in the `.then` and in the `.catch` of its own work's promise, before anything that can
// throw: however the work settles, the session is closed. Safe as written; only the chain whose `.then`
// forgets it is reported.
// expect: reported released-in-callback
const neo4j = require('neo4j-driver');

const driver = neo4j.driver(process.env.NEO4J_URL);

function hasMovie(title) {
  const session = driver.session();
  return session
    .run('MATCH (m:Movie {title: $title}) RETURN m', { title })
    .then((result) => {
      session.close();
      return result.records.length > 0;
    })
    .catch((error) => {
      console.error(error);
      session.close();
      return false;
    });
}

function movieTitles() {
  const session = driver.session();
  return session
    .run('MATCH (m:Movie) RETURN m.title AS title')
    .then((result) => result.records.map((r) => r.get('title')))
    .catch((error) => {
      session.close();
      throw error;
    });
}

module.exports = { hasMovie, movieTitles };
