// Lint the TypeScript app, domain and functions, and devcloud's plain JavaScript.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.devcloud/**', '.tmp/**', 'coverage/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.jest } },
    // Some suites import the same names from @jest/globals explicitly; TypeScript already catches real redeclarations.
    rules: { 'no-redeclare': 'off' },
  },
  {
    // The isomorphic domain must not reach into Taro, the SDK or server code.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@tarojs/*', 'wx-server-sdk', '**/cloudfunctions/**', 'react', '**/services/**'] }],
    },
  },
  {
    // Pages talk to the cloud only through src/services/cloud.ts.
    files: ['src/pages/**/*.{ts,tsx}', 'src/packages/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use callAction/uploadFile from @/services/cloud.' }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Taro'][property.name='cloud']", message: 'Use @/services/cloud.' }],
    },
  },
)
