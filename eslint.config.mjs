import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
// the lists themselves, so the rule below cannot fall behind them (Node 24 loads the TypeScript as is)
import { ASSET_CATEGORIES, REGULATOR_MSP, REQUEST_STATUSES, ROLE_ATTRIBUTE, ROLES, SENSITIVITIES, UID_ATTRIBUTE } from './libs/domain/src/index.ts';

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
    // the chaincode facade builds on the chain's record schemas in the event contracts
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    // the stack provisions the broker from the event contracts (topics, who may write them)
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:stack-connection'] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:tooling', 'type:stack-connection', 'type:data-access', 'type:contracts', 'type:util'] },
    // where the stack's parts are, shared by the stack and the tests: plain facts, so nothing heavy comes with them
    { sourceTag: 'type:stack-connection', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: ['*'] },
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

/**
 * The domain vocabulary is defined once, in libs/domain. These selectors find a copy of one of
 * its lists (an array, or a union type, holding every member) anywhere else, and the names the
 * chaincode trusts (the regulator's MSP, the certificate attributes) spelled out in production code.
 */
const VOCABULARY = {
  'asset categories (ASSET_CATEGORIES)': ASSET_CATEGORIES,
  'sensitivities (SENSITIVITIES)': SENSITIVITIES,
  'roles (ROLES)': ROLES,
  'request statuses (REQUEST_STATUSES)': REQUEST_STATUSES,
};
const holdsAll = (node, member, values) => node + values.map((value) => `:has(> ${member(value)})`).join('');
const literal = (value) => `Literal[value='${value}']`;
const literalType = (value) => `TSLiteralType[literal.value='${value}']`;
const vocabularyCopies = Object.entries(VOCABULARY).flatMap(([name, values]) => [
  { selector: holdsAll('ArrayExpression', literal, values), message: `a copy of the ${name}: import it from @gridledger/domain` },
  { selector: holdsAll('TSUnionType', literalType, values), message: `a copy of the ${name} as a type: import its type from @gridledger/domain` },
]);
const trustedNames = [
  { selector: `Literal[value='${REGULATOR_MSP}']`, message: 'the regulator organisation is REGULATOR_MSP from @gridledger/domain (and "is regulator" is isRegulator(role, mspId))' },
  ...[ROLE_ATTRIBUTE, UID_ATTRIBUTE].map((name) => ({ selector: `Literal[value='${name}']`, message: 'the certificate attributes are ROLE_ATTRIBUTE and UID_ATTRIBUTE from @gridledger/domain' })),
];

// a transaction is named through @gridledger/chaincode-api's builders, whose names the compiler checks against the chaincode's table
const sqlInControllers = [
  {
    selector: "CallExpression[callee.property.name='query']",
    message: 'keep SQL out of controllers: put the query in the feature\'s repository or store and call that',
  },
];
const freeTransactionNames = [
  { selector: "Property[key.name='transaction'][value.type='Literal']", message: 'name a chaincode transaction through @gridledger/chaincode-api (submitCalls, queryCalls), not as a string' },
];

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
    files: ['apps/**/*.ts', 'chaincode/**/*.ts', 'libs/nest-service/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },

  {
    files: ['apps/**/test/**/*.ts', 'apps/**/*.spec.ts', 'libs/**/test/**/*.ts', 'libs/**/*.spec.ts', 'infra/**/test/**/*.ts', 'tests/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', testBoundaries] },
  },

  {
    files: ['**/*.ts', '**/*.mts', '**/*.tsx'],
    ignores: ['libs/domain/**'],
    rules: { 'no-restricted-syntax': ['error', ...vocabularyCopies, ...trustedNames] },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.tsx'],
    ignores: ['libs/domain/**', 'libs/chaincode-api/**', 'chaincode/**', '**/*.spec.ts', '**/*.spec.tsx', '**/*.integration-spec.ts', '**/test/**/*.ts', '**/test-support/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...vocabularyCopies, ...trustedNames, ...freeTransactionNames] },
  },
  {
    // a controller says what a route takes and answers; its SQL lives in the feature's repository or store
    files: ['apps/*/src/**/*.controller.ts'],
    rules: { 'no-restricted-syntax': ['error', ...vocabularyCopies, ...trustedNames, ...freeTransactionNames, ...sqlInControllers] },
  },
  {
    // tests name the organisations and attributes they fake; the lists still come from libs/domain
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.integration-spec.ts', '**/test/**/*.ts', '**/test-support/**/*.ts', 'tests/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: { 'no-restricted-syntax': ['error', ...vocabularyCopies] },
  },
);
