import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries are the architecture, written down: every project carries one
 * `scope:*` and one `type:*` tag, and these rules say which may import which.
 * There is deliberately no wildcard rule, so a new tag must be placed here on purpose.
 */
const boundaries = {
  enforceBuildableLibDependency: true,
  banTransitiveDependencies: true,
  allow: [],
  depConstraints: [
    // scope: who may see whom
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:infra', 'scope:shared'] },
    { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:testing', 'scope:shared', 'scope:infra'] },
    // chaincode is deployed on its own: it depends only on what its build bundles into it
    { sourceTag: 'scope:chaincode', onlyDependOnLibsWithTags: ['bundled-in:chaincode'] },
    // what the chaincode bundles must run beside it with nothing else installed
    { sourceTag: 'bundled-in:chaincode', onlyDependOnLibsWithTags: ['bundled-in:chaincode'], bannedExternalImports: ['*'] },
    // type: the layers
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:contracts', 'type:util'] },
    { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util'] },
    { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util'] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    // the stack provisions the broker from the event contracts (topics, who may write them)
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:tooling', 'type:data-access', 'type:contracts', 'type:util'] },
    { sourceTag: 'type:chaincode', onlyDependOnLibsWithTags: ['bundled-in:chaincode'] },
  ],
};

/**
 * Test files of any project may also use the test support library and the test runner;
 * production code may not.
 */
const testBoundaries = {
  ...boundaries,
  depConstraints: boundaries.depConstraints.map(({ bannedExternalImports: _runsOnlyInTests, ...rule }) =>
    rule.onlyDependOnLibsWithTags.length === 0 ? rule : { ...rule, onlyDependOnLibsWithTags: [...new Set([...rule.onlyDependOnLibsWithTags, 'type:testing', 'scope:testing', 'scope:infra', 'type:tooling'])] },
  ),
};

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '**/.nx', '**/coverage'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.mts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },

  {
    // these projects emit decorator metadata (Nest DI, fabric-contract-api), so constructor and
    // parameter types must stay value imports; the parser is told, and the rule allows exactly those
    files: ['apps/**/*.ts', 'chaincode/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },

  {
    files: ['apps/**/test/**/*.ts', 'apps/**/*.spec.ts', 'libs/**/test/**/*.ts', 'libs/**/*.spec.ts', 'infra/**/test/**/*.ts', 'tests/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', testBoundaries] },
  },
);
