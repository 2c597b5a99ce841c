/**
 * Imports flow one way: model -> expr -> load -> files -> document -> engine -> present -> draw
 * -> analysis -> (report, web, cli). folder sits under report and web; web reaches the reports
 * only through src/report/index.ts.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'engine-is-pure',
      comment: 'The engine never imports the front ends or does I/O.',
      severity: 'error',
      from: { path: '^src/engine' },
      to: {
        path: [
          '^src/(web|cli|report|load|document|present|draw)',
          '^(node:)?(fs|http|https|net|child_process)$',
          '^express',
          '^ejs',
        ],
      },
    },
    {
      name: 'parallel-below-front-ends',
      comment:
        'Worker threads for the engine (they load scenarios again from texts): no analyses, front ends or folder; the engine itself never starts threads.',
      severity: 'error',
      from: { path: '^src/parallel' },
      to: { path: '^src/(web|cli|report|present|analysis|folder|document\\.ts)' },
    },
    {
      name: 'engine-not-parallel',
      severity: 'error',
      from: { path: '^src/(engine|load|model|expr|files)' },
      to: { path: '^src/parallel' },
    },
    {
      name: 'model-is-the-base',
      severity: 'error',
      from: { path: '^src/model' },
      to: { path: '^src/(expr|load|engine|present|draw|report|web|cli|document)' },
    },
    {
      name: 'expr-below-load',
      severity: 'error',
      from: { path: '^src/expr' },
      to: { path: '^src/(load|engine|report|web|cli|document)' },
    },
    {
      name: 'load-below-engine',
      severity: 'error',
      from: { path: '^src/load' },
      to: { path: '^src/(engine|report|web|cli|document)' },
    },
    {
      name: 'present-reads-model-and-engine',
      comment:
        'The presentation layer writes numbers and words from model and engine data; the front ends use it, never the reverse.',
      severity: 'error',
      from: { path: '^src/present' },
      to: { path: '^src/(load|web|cli|report|draw|document)' },
    },
    {
      name: 'files-read-files',
      comment:
        'Reading scenario files (imports, overlays, revisions) sits below the document: no analyses, no front ends.',
      severity: 'error',
      from: { path: '^src/files' },
      to: { path: '^src/(analysis|present|report|web|cli|document\\.ts)' },
    },
    {
      name: 'analysis-below-front-ends',
      comment: 'analyse() is what every front end renders; it never reaches into one.',
      severity: 'error',
      from: { path: '^src/analysis' },
      to: { path: '^src/(report|web|cli)' },
    },
    {
      name: 'engine-and-present-below-analysis',
      severity: 'error',
      from: { path: '^src/(engine|present|load|model|expr|files)' },
      to: { path: '^src/analysis' },
    },
    {
      name: 'draw-is-drawing',
      comment:
        'Charts and the tree as SVG, shared by the web page and the reports: numbers and words from present, no analyses, front ends or I/O.',
      severity: 'error',
      from: { path: '^src/draw' },
      to: {
        path: [
          '^src/(load|files|document|analysis|folder|report|web|cli|interop)',
          '^(node:)?(fs|http|https|net|child_process)$',
        ],
      },
    },
    {
      name: 'web-uses-the-report-index',
      comment:
        'The web app asks for reports through src/report/index.ts only; drawing both share is in src/draw.',
      severity: 'error',
      from: { path: '^src/web' },
      to: { path: '^src/report/', pathNot: '^src/report/index\\.ts$' },
    },
    {
      name: 'report-not-web-or-cli',
      severity: 'error',
      from: { path: '^src/report' },
      to: { path: '^src/(web|cli)' },
    },
    {
      name: 'interop-is-a-converter',
      comment: 'Importers turn foreign files into scenario text: no engine, front ends or I/O.',
      severity: 'error',
      from: { path: '^src/interop' },
      to: {
        path: [
          '^src/(engine|web|cli|report|document)',
          '^(node:)?(fs|http|https|net|child_process)$',
        ],
      },
    },
    {
      name: 'folder-below-front-ends',
      comment:
        'The served folder (listing, index, writes) is shared by the web app and report DIR; it never reaches into a front end.',
      severity: 'error',
      from: { path: '^src/folder' },
      to: { path: '^src/(web|cli|report|present|analysis)' },
    },
    {
      name: 'only-front-ends-use-the-folder',
      severity: 'error',
      from: { path: '^src/(model|expr|load|engine|files|present|analysis|interop)' },
      to: { path: '^src/folder' },
    },
    {
      name: 'web-not-cli',
      severity: 'error',
      from: { path: '^src/web' },
      to: { path: '^src/cli' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist' },
  },
};
