// Lint: typescript-eslint with the type-aware rules that catch real bugs here (unawaited promises,
// async functions that never await), Prettier for layout. Run with `npm run lint`; `npm test` runs it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** The web app's features: none imports another (the app in apps/web/src/app composes them). */
const WEB_FEATURES = ['auth', 'home', 'search', 'requirements', 'legal-sources', 'specifications', 'proposals', 'audit'];
const webFeaturesApart = WEB_FEATURES.map((feature) => {
  const others = WEB_FEATURES.filter((f) => f !== feature);
  return {
    files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: others.flatMap((f) => [`../${f}/*`, `**/features/${f}/**`]),
              message: 'Features of the web app never import each other; apps/web/src/app composes them.',
            },
            { group: ['**/app/*'], message: 'Features do not import the app shell; it imports them.' },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  {
    ignores: [
      '.dependency-cruiser.cjs',
      'dist/**',
      'node_modules/**',
      '.kravbank/**',
      'coverage/**',
      'test-output/**',
      '**/*.d.ts',
      'apps/web/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off', // sanitisers match control characters on purpose
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/libs/*/src/**'], message: 'Import another lib through its entry point: @kravbank/<lib>.' }] },
      ],
    },
  },
  {
    // Business code: short functions. Migrations and tests are exempt (long SQL, long test bodies).
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      // Test doubles implement async ports without awaiting anything; tests cast freely.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // The web app: React in the browser. Its components are JSX, so the 60-line rule counts only its .ts files.
    files: ['apps/web/src/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: 'The browser keeps no tokens or state in storage.' },
        'sessionStorage',
      ],
    },
  },
  ...webFeaturesApart,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  prettier,
);
