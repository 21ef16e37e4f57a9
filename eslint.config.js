// Lint rules, chiefly the layer lines of STYLE.md: what each folder may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'net', 'http', 'https', 'crypto', 'child_process', 'worker_threads', 'stream', 'zlib', 'url', 'events', 'dgram', 'util', 'buffer', 'process'];
const nodeImportPatterns = [{ group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)], message: 'This layer must not use Node built-ins.' }];
const electronBan = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

// Board kinds (STYLE.md, "A kind is a folder with one entry"): each kind owns shared/model/<kind>/
// and renderer/src/features/<kind>/, and never imports another kind's folder; links between
// kinds are ids resolved through the registries (shared/model/kinds.ts, renderer/src/features/kinds.ts).
const boardKinds = ['goals', 'feedback', 'meetings', 'workshops'];
const otherKinds = (kind) => ({
  group: boardKinds.filter((k) => k !== kind).flatMap((k) => [`**/${k}`, `**/${k}/**`]),
  message: `The ${kind} kind must not import another kind's folder: link by id through the registry of kinds.`,
});
const sharedRule = {
  paths: [electronBan, { name: 'react', message: 'shared/ has no UI.' }, { name: 'ws', message: 'shared/ has no transport.' }],
  patterns: [...nodeImportPatterns, { group: ['**/electron/**', '**/renderer/**', 'y-indexeddb', 'zustand', 'react-*', 'i18next'], message: 'shared/ imports only yjs, y-protocols, lib0, zod and fractional-indexing.' }],
};
const rendererRule = {
  paths: [electronBan],
  patterns: [...nodeImportPatterns, { group: ['**/electron/**'], message: 'The renderer reaches the outside only through the bridge contract in shared/api.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', sharedRule],
    },
  },
  {
    files: ['electron/peer/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [{ group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'The peer is plain Node and stands alone.' }] }],
    },
  },
  {
    files: ['electron/relay/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [{ group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'The relay node is plain Node and stands alone.' }] }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/electron/peer/**'], message: 'The shell reaches the peer only through its process boundary.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererRule],
    },
  },
  // Later blocks replace a rule's options rather than merge them, so each repeats its layer's.
  ...boardKinds.flatMap((kind) => [
    { files: [`shared/model/${kind}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { ...sharedRule, patterns: [...sharedRule.patterns, otherKinds(kind)] }] } },
    { files: [`renderer/src/features/${kind}/**/*.{ts,tsx}`], rules: { 'no-restricted-imports': ['error', { ...rendererRule, patterns: [...rendererRule.patterns, otherKinds(kind)] }] } },
  ]),
  {
    files: ['renderer/public/sw.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['tests/**/*.ts', 'build/**/*.{js,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
