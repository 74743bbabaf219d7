import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * An import rule for the files of one part: none of `above` (top-level folders) may be imported from them, by any
 * relative path, nor any of `beside` (folders of the same top-level part, such as local/cloud from local/protocol).
 * ESLint keeps one `no-restricted-imports` per file, so a part's inner rule repeats the rule of the part it is in.
 */
function layer(files, part, above, beside = []) {
  const why = 'imports go one way (see How the parts fit in the README)';
  const [top] = files.split('/');
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...above.map((folder) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message: `${part} may not import ${folder}/: ${why}.` })),
              ...beside.map((folder) => ({ regex: `^(\\.\\./)+(${top}/)?${folder}(/|$)`, message: `${part} may not import ${top}/${folder}/: ${why}.` })),
            ],
          },
        ],
      },
    },
  ];
}

const LOCAL_ABOVE = ['cli', 'infra', 'bench', 'scripts', 'test'];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The layers: imports go one way, cli -> local -> functions, infra -> functions, all of them -> statemachine ->
  // contract. Each part may not reach the parts above it (or beside it); bench, scripts and test sit on top and may
  // import anything. Inside the local cloud, the dispatch chain sits above the protocols and the cloud's machinery.
  ...layer('contract/**/*.ts', 'the contract every part shares', ['functions', 'statemachine', 'local', 'cli', 'infra', 'bench', 'scripts', 'test']),
  ...layer('statemachine/**/*.ts', 'the workflow definitions', ['local', 'cli', 'infra', 'bench', 'scripts', 'test']),
  ...layer('functions/**/*.ts', 'the Lambda handlers and their domain', ['statemachine', 'cli', 'local', 'infra', 'bench', 'scripts', 'test']),
  ...layer('local/**/*.ts', 'the local cloud', LOCAL_ABOVE),
  ...layer('local/protocol/**/*.ts', 'the AWS protocols of the local cloud', LOCAL_ABOVE, ['dispatch', 'cloud', 'services', 'network', 'lab', 'lambda']),
  ...layer('local/cloud/**/*.ts', "the local cloud's machinery", LOCAL_ABOVE, ['dispatch']),
  ...layer('cli/**/*.ts', 'the vpce-lab command', ['infra', 'bench', 'scripts', 'test']),
  ...layer('infra/**/*.ts', 'the CDK app', ['local', 'cli', 'bench', 'scripts', 'test']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
);
