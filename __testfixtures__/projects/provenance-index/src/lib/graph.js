import neo4j from 'neo4j-driver';

class DbConnector {
  constructor() {
    this.driver = neo4j.driver('bolt://localhost', neo4j.auth.basic('neo4j', 'secret'));
  }

  session() {
    return this.driver.session();
  }

  close() {
    return this.driver.close();
  }
}

export default new DbConnector();
