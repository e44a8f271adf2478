// ESLint (flat config) for the repository's JavaScript: `npm run lint:js`, a step of `npm test`.
// js/ and www/ run in the browser, and so do the apps that tests/consumers/ builds; tests/,
// scripts/ and bench/ run in Node.
import js from '@eslint/js';
import globals from 'globals';

/**
 * The browser globals that the Node files use in functions playwright or puppeteer runs in the
 * page (page.evaluate, waitForFunction, locator.evaluate, $eval). Only these: the rest of the
 * browser's globals (`name`, `status`, `top`…) would hide a typo in the Node code around them.
 */
const pageGlobals = Object.fromEntries(
  ['document', 'getComputedStyle', 'history', 'location', 'parent', 'window'].map((name) => [name, globals.browser[name]]),
);

export default [
  {
    // Generated, vendored or built: wasm-pack's output, the dependencies, cargo's target/ (where
    // tests/consumers/ builds its apps), the vendored crates, the fuzz targets and corpus, reports.
    ignores: ['pkg/', 'pkg-easycredit/', 'node_modules/', 'target/', 'vendor/', 'fuzz/', 'test-results/', 'bench-results/'],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // The repository's size rules, as clippy.toml and scripts/check-repo.sh hold them for Rust.
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    files: ['js/**/*.js', 'www/**/*.js', 'tests/consumers/app/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['tests/**/*.mjs', 'scripts/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['tests/e2e/**/*.mjs', 'tests/consumers/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: pageGlobals },
  },
];
