import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { noCitizenLiterals } from './eslint-rules/no-citizen-literals.js';

const focusedOrSkipped = ['it', 'test', 'describe'].flatMap((object) =>
  ['only', 'skip', 'todo'].map((property) => ({ object, property, message: 'no focused, skipped or todo tests' })),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-results/', '.kiosk-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error', ...focusedOrSkipped],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Every word a citizen sees comes from the i18n catalogues (eslint-rules/no-citizen-literals.js).
    files: ['renderer/src/**/*.tsx'],
    plugins: { tongban: { rules: { 'no-citizen-literals': noCitizenLiterals } } },
    rules: { 'tongban/no-citizen-literals': ['error', { allow: [] }] },
  },
  {
    // The preload and shell run inside Electron, where `require('electron')` is how it is loaded.
    files: ['main/shell/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
