// ESLint: TypeScript's recommended rules over the library, nodes and tests, and n8n's community-node rules (the
// rules of n8n's node starter, eslint-plugin-n8n-nodes-base) over package.json, the credential and the n8n nodes.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const n8n = { 'n8n-nodes-base': n8nNodesBase };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/generated/**', 'scratch/**', 'coverage/**', '.node-red/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // a leading underscore names what is taken out on purpose (`{ blocks: _blocks, ...rest }`)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // the ideographic space (U+3000) is content in Chinese print: card labels and fixtures spread with it
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
    },
  },
  {
    files: ['package.json'],
    languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
    plugins: n8n,
    rules: n8nNodesBase.configs.community.rules,
  },
  {
    files: ['credentials/**/*.ts'],
    plugins: n8n,
    // as n8n's node starter: the camel-cased documentation slug is for nodes in n8n's own repository; a community
    // credential links to its service's documentation
    rules: { ...n8nNodesBase.configs.credentials.rules, 'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off' },
  },
  { files: ['nodes/n8n/**/*.ts'], plugins: n8n, rules: n8nNodesBase.configs.nodes.rules },
  // Node-RED's node constructors keep `this` as `node` for the handlers they register, as Node-RED's core nodes do
  { files: ['nodes/node-red/**/*.ts'], rules: { '@typescript-eslint/no-this-alias': 'off' } },
);
