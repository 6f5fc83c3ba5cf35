import type { LibrarySpec } from './types';

// sequelize: one `new Sequelize(…)` per process holds the pool; `sequelize.close()` closes it for good
// (a closed instance cannot reconnect).
export const sequelize: LibrarySpec = {
  library: 'sequelize',
  packageName: 'sequelize',
  modules: {
    sequelize: {
      exports: { Sequelize: { class: 'Sequelize' } },
      default: { class: 'Sequelize' },
      types: { Sequelize: 'Sequelize' },
    },
  },
  methods: {},
  resources: [],
};
