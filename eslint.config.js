// Lint rules, including the import rules between the stages of src/ (see src/README.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const STAGES = [
  'base',
  'decode',
  'ingest',
  'db',
  'queries',
  'model',
  'store',
  'ui',
  'server',
  'cli',
  'remote',
];

// What each stage may import from src/; everything else under src/ is forbidden.
const ALLOWED = {
  base: [],
  decode: ['base'],
  ingest: ['base', 'decode'],
  db: ['base'],
  queries: ['base', 'db', 'model'],
  model: ['base'],
  store: ['base', 'ingest', 'db', 'queries', 'model', 'remote'],
  ui: ['base', 'model', 'store'],
  server: ['base', 'decode', 'remote'],
  cli: ['base', 'decode', 'ingest', 'db', 'queries', 'model', 'server', 'remote'],
  remote: ['base', 'decode'],
};

function stageRules(stage) {
  const forbidden = STAGES.filter((s) => s !== stage && !ALLOWED[stage].includes(s));
  const patterns = [
    {
      group: forbidden.flatMap((s) => [`../${s}`, `../${s}/*`, `**/src/${s}/*`]),
      message: `src/${stage} may import only from: ${ALLOWED[stage].join(', ') || 'nothing in src'} (see src/README.md).`,
    },
  ];
  if (stage !== 'db' && stage !== 'cli') {
    patterns.push({
      group: ['@duckdb/duckdb-wasm', '@duckdb/duckdb-wasm/*'],
      message: 'Only src/db owns DuckDB-WASM.',
    });
  }
  return {
    files: [`src/${stage}/**/*.{ts,tsx}`],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/**/testing.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'fixtures', 'public', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/refs': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 40, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Trace strings are data, never HTML.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/testing.ts', 'e2e/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      'max-lines': ['error', { max: 600 }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/ui/**/*.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  ...STAGES.map(stageRules),
);
