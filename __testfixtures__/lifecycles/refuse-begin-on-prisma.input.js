// expect: reported begin-on-pool
// Prisma pools its connections: a raw BEGIN lands on one of them, the updates maybe on others. Reported
// with the interactive transaction it belongs in. (Plain JavaScript: no generated client types needed.)
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

async function transfer(from, to, amount) {
  await prisma.$executeRaw`BEGIN`;
  await prisma.$executeRaw`UPDATE accounts SET balance = balance - ${amount} WHERE id = ${from}`;
  await prisma.$executeRaw`UPDATE accounts SET balance = balance + ${amount} WHERE id = ${to}`;
  await prisma.$executeRaw`COMMIT`;
}

module.exports = { transfer };
