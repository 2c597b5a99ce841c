import { dirname, join } from 'node:path';

/**
 * A file of math.js's CommonJS build, by its path under `lib/cjs` (`expression/parse.js`). The
 * files are read by path because math.js's package exports do not name them.
 *
 * The CLI bundle (scripts/bundle-cli.mjs) puts this module's place to a copy with the files the
 * parser needs inside, so that starting the CLI reads no file of math.js; any other file is read
 * from math.js as here.
 */
export function mathjsFile(file: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(dirname(require.resolve('mathjs/package.json')), 'lib', 'cjs', file));
}
