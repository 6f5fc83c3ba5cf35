// The slice of @prisma/client's generated API the fixtures use (the package needs `prisma generate`).
declare module '@prisma/client' {
  export class PrismaClient {
    constructor(options?: { datasourceUrl?: string });
    $connect(): Promise<void>;
    $disconnect(): Promise<void>;
    user: { findUnique(args: { where: { id: number } }): Promise<{ id: number; name: string } | null> };
  }
}
