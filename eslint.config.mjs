import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import rule for the files of one part: none of `above` may be imported from them, by any relative path. */
function layer(files, part, above) {
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: above.map((top) => ({ regex: `^(\\.\\./)+${top}(/|$)`, message: `${part} may not import ${top}/: imports go one way (see How the parts fit in the README).` })) },
        ],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The layers: imports go one way, cli -> local -> functions, infra -> functions. Each part may not reach the
  // parts above it (or beside it); bench, scripts and test sit on top and may import anything.
  ...layer('functions/**/*.ts', 'the Lambda handlers and their domain', ['cli', 'local', 'infra', 'bench', 'scripts', 'test']),
  ...layer('local/**/*.ts', 'the local cloud', ['cli', 'infra', 'bench', 'scripts', 'test']),
  ...layer('cli/**/*.ts', 'the vpce-lab command', ['infra', 'scripts', 'test']),
  ...layer('infra/**/*.ts', 'the CDK app', ['cli', 'bench', 'scripts', 'test']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
);
