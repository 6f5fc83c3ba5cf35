// A Prisma client made per call and never disconnected (the classic "too many connections" of a Next.js route):
// its queries go through a model's delegate (`prisma.user.findUnique()`), a call that settles in the await.
// Reported as never closed, like any pool; a delegate handed out keeps it (keep-pool-kept-or-closed).
// expect: reported pool-never-closed
import { PrismaClient } from '@prisma/client';

export async function findUser(id: number) {
  const prisma = new PrismaClient();
  const user = await prisma.user.findUnique({ where: { id } });
  return user;
}
