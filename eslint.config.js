// One lint config for the whole repo: strict TypeScript rules, import
// boundaries between layers, no circular imports, no focused tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'bench/.out/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'import-x/no-cycle': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
      ],
    },
    settings: {
      'import-x/resolver': { typescript: true, node: true },
    },
  },
  {
    // Only packages/shared/src/doc may name the document's roots.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: ['packages/shared/src/doc/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^get(Map|Array|XmlFragment|Text)$/][arguments.0.type='Literal']",
          message: 'Name document roots only in packages/shared/src/doc (use meetingRoots(doc)).',
        },
      ],
    },
  },
  {
    // Layers: sync and store never import http; store never imports sync.
    files: [
      'packages/server/src/sync/**',
      'packages/server/src/store/**',
      'packages/server/src/commands/**',
      'packages/server/src/guard/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/http/**'], message: 'sync/store/commands never import http.' }],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sync/**', '**/http/**', 'ws'],
              message: 'store speaks rows and bytes, never sockets.',
            },
          ],
        },
      ],
    },
  },
  {
    // Test helpers live in packages/server/src/test-support/ only; the build
    // leaves them out (tsconfig.build.json), so production code must not import them.
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/**/*.test.ts',
      'packages/server/src/**/*.contract.ts',
      'packages/server/src/test-support/**',
    ],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './packages/server/src',
              from: './packages/server/src/test-support',
              message: 'Test helpers are not built: production code never imports test-support.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/shared/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '@kenes/server', '@kenes/client'], message: 'shared has no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
