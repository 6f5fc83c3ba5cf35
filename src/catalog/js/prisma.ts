import type { LibrarySpec } from './types';

// prisma: one PrismaClient per application; it connects lazily and pools connections. `$disconnect()`
// per request is the documented anti-pattern: the next query pays a full reconnect.
export const prisma: LibrarySpec = {
  library: 'prisma',
  packageName: '@prisma/client',
  modules: {
    '@prisma/client': {
      exports: { PrismaClient: { class: 'PrismaClient' } },
      types: { PrismaClient: 'PrismaClient' },
    },
  },
  methods: {},
  resources: [],
};
