import nx from '@nx/eslint-plugin';

// The layering from docs/architecture.md, checked on every import: contracts depend on nothing,
// the domain only on contracts, data access on both, Nest wrappers on data access, apps on libs.
const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:util'] },
  { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:util'] },
  { sourceTag: 'type:nest', onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:util'] },
  { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:data-access', 'type:util'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:data-access', 'type:util', 'type:runtime'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:contracts', 'type:domain', 'type:data-access', 'type:persistence', 'type:nest', 'type:util', 'type:runtime',
      'type:testing',
    ],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
];

// Test code (specs and testing/ helpers) may also use the shared test helpers and build apps to
// test them together; the helpers depend on the libs they help test, so those cycles are expected.
const testDepConstraints = depConstraints.map((constraint) => ({
  ...constraint,
  onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing', 'type:app', 'type:domain'],
}));
const TESTED_THROUGH_TESTING = ['@jetjobs/media', '@jetjobs/event-store', '@jetjobs/worker-runtime', '@jetjobs/persistence', '@jetjobs/job-domain', '@jetjobs/auth', '@jetjobs/config', '@jetjobs/contracts'];
// Every pair among them, because a path through the helpers closes a loop between any two. The
// production graph stays acyclic regardless: TypeScript project references refuse a cycle.
const TESTING_CYCLE = [...TESTED_THROUGH_TESTING, '@jetjobs/testing'];
const ignoredCircularDependencies = TESTING_CYCLE.flatMap((a, i) => TESTING_CYCLE.slice(i + 1).map((b) => [a, b]));

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '.nx', '.data', 'coverage', 'jest.preset.js', 'jest.config.js', '**/jest.config.js'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, ignoredCircularDependencies },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: testDepConstraints, ignoredCircularDependencies },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['libs/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, ignoredCircularDependencies },
      ],
    },
  },
];
