// The models registry, filled while the module loads: the instance and its models under one object.
const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

const db = {};
db.Sequelize = Sequelize;
db.sequelize = sequelize;
db.invoice = sequelize.define('invoice', { total: DataTypes.INTEGER, voided: DataTypes.BOOLEAN });

module.exports = db;
