// Prisma: one client per application; `$disconnect()` per request is the documented anti-pattern (every
// query after it reconnects). A shutdown function in the file already disconnects it.
// expect: fixed fixed-teardown-removed
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function findUser(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  return user;
}

export async function shutdown(): Promise<void> {
  await prisma.$disconnect();
}
