// The packages eslint.config.mjs builds the lint rules from. A bare import resolves from the
// importing file's folder, and they are installed here (tools/node_modules), not in the root's.
export { default as eslint } from '@eslint/js';
export { default as tseslint } from 'typescript-eslint';
