// The CLI as one file (issue 16): `npm run build` runs this after tsc. It writes dist/cli/:
// - main.js: src/cli/main.ts and everything it imports, in one file;
// - simulate-worker.js: the worker thread of parallel simulations, as one file too (the bundle
//   starts it from its own folder, as dist/src/parallel/simulate-parallel.js does from its);
// - branchpoint.js: the executable (src/cli/bin.ts), which runs main.js with main.cache, V8's
//   code cache, written at the end by running a few commands on the example scenarios.
// What the sources load with require() on purpose, for one command only, is not put in the
// bundle: the web stack (serve) and the SilverDecisions importer (import) stay tsc's files in
// dist/src, packages (math.js for round/floor/ceil, `yaml` for syntax errors) stay in
// node_modules.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const outdir = join(root, 'dist', 'cli');

/** Modules required by one command only, run from tsc's build (their own files, not bundled). */
const SEPARATE = [
  join(src, 'web', 'listen.ts'),
  join(src, 'interop', 'silverdecisions', 'index.ts'),
];

/**
 * In the sources, `require()` marks what only some runs need. A package stays in node_modules;
 * a module of SEPARATE is tsc's file in dist/src; any other module is bundled, and esbuild runs
 * its code when it is first required.
 */
/** @type {import('esbuild').Plugin} */
const lazyRequires = {
  name: 'lazy-requires',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'require-call' && args.kind !== 'require-resolve') return undefined;
      if (!args.importer.startsWith(src + sep)) return undefined;
      if (isAbsolute(args.path)) return undefined;
      if (!args.path.startsWith('.')) return { path: args.path, external: true };
      const target = resolve(args.resolveDir, args.path);
      const file = [`${target}.ts`, join(target, 'index.ts')].find((f) => SEPARATE.includes(f));
      if (!file) return undefined;
      const built = join(root, 'dist', relative(root, file).replace(/\.ts$/, '.js'));
      return { path: relative(outdir, built).split(sep).join('/'), external: true };
    });
  },
};

const mathjs = join(dirname(require.resolve('mathjs/package.json')), 'lib', 'cjs');
/** The files of math.js that src/expr/math-parse.ts sets its parser up from. */
const PARSER_FILES = [
  'core/config.js',
  'type/number.js',
  'function/utils/numeric.js',
  'expression/parse.js',
  ...readdirSync(join(mathjs, 'expression', 'node'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `expression/node/${f}`),
];

/** src/expr/mathjs-file.ts with the parser's files of math.js in the bundle. */
/** @type {import('esbuild').Plugin} */
const mathjsFiles = {
  name: 'mathjs-files',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\]expr[/\\]mathjs-file\.ts$/ }, () => ({
      loader: 'js',
      resolveDir: join(src, 'expr'),
      contents: [
        "import { dirname, join } from 'node:path';",
        'const FILES = {',
        ...PARSER_FILES.map(
          (f) => `  ${JSON.stringify(f)}: () => require(${JSON.stringify(join(mathjs, f))}),`,
        ),
        '};',
        'export function mathjsFile(file) {',
        '  const bundled = FILES[file];',
        '  if (bundled) return bundled();',
        "  return require(join(dirname(require.resolve('mathjs/package.json')), 'lib', 'cjs', file));",
        '}',
      ].join('\n'),
    }));
  },
};

/**
 * Node's modules that are not in its start-up snapshot and that a run rarely uses (commander
 * requires child_process for external subcommands, which branchpoint has none of; the web
 * app and the simulation's threads need the others): each is loaded when a property of it is
 * first read, not when the bundle starts.
 */
const LAZY_BUILTINS = ['child_process', 'crypto', 'net', 'os', 'worker_threads'];
/**
 * The names a module of Node's exports (on the Node that builds).
 * @param {string} name
 * @returns {string[]}
 */
function builtinKeys(name) {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- require's answer is `any`
  return Object.keys(require(name));
}

/** @type {import('esbuild').Plugin} */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= require(${JSON.stringify(`node:${args.path}`)}));`,
        `for (const key of ${JSON.stringify(builtinKeys(args.path))})`,
        '  Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });',
      ].join('\n'),
    }));
  },
};

/**
 * zod's `z.locales`, its messages in fifty languages, is a namespace esbuild cannot leave out;
 * branchpoint writes its own messages and never reads it, so the bundle's holds English only.
 */
/** @type {import('esbuild').Plugin} */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[/\\]node_modules[/\\]zod[/\\]/.test(args.importer)
        ? { path: join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      resolveDir: dirname(args.path),
      contents: "export { default as en } from './en.js';",
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
/** @type {import('esbuild').BuildOptions} */
const common = {
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Names are kept, for BRANCHPOINT_DEBUG's stack traces; the code cache makes the rest moot.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
};
const bundled = await build({
  ...common,
  entryPoints: {
    main: join(src, 'cli', 'main.ts'),
    'simulate-worker': join(src, 'parallel', 'simulate-worker.ts'),
  },
  plugins: [lazyRequires, mathjsFiles, lazyBuiltins, zodEnglishOnly],
  metafile: true,
});
// What the bundle holds, for esbuild's `analyzeMetafile` or its online bundle analyser.
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(bundled.metafile));
await build({ ...common, entryPoints: { branchpoint: join(src, 'cli', 'bin.ts') } });
const bin = join(outdir, 'branchpoint.js');
chmodSync(bin, 0o755);
// The bin used to be tsc's dist/src/cli/main.js, and npx keeps a link to it per checkout
// (~/.npm/_npx): kept executable, such a link still runs the CLI instead of "Permission denied".
chmodSync(join(root, 'dist', 'src', 'cli', 'main.js'), 0o755);

// The code cache: each run starts from the cache the one before wrote and adds what it ran. It
// only saves time: a scenario that does not validate, or a run that fails, leaves it smaller.
const scenarios = join(root, 'scenarios');
const examples = readdirSync(scenarios)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(scenarios, f));
const runs = [
  ['validate', ...examples],
  ['evaluate', examples[0]],
  ['check', examples[0]],
  ['--help'],
];
for (const args of runs) {
  spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, BRANCHPOINT_WRITE_CODE_CACHE: '1' },
  });
}
if (!existsSync(join(outdir, 'main.cache')))
  console.warn('bundle-cli: no code cache was written; the CLI will start more slowly');
