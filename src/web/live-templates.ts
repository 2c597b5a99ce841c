import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';

/**
 * The partials the live page redraws, compiled for the page's script: the very templates the
 * server renders the page with (views/partials/verdict.ejs and results-<part>.ejs), as
 * JavaScript functions in one script, `/static/live-templates.js`. The page's script calls
 * `branchpointTemplates.render(part, locals)` with the locals of `POST .../explore`, so there is
 * no second renderer of the results. ejs escapes with its own `escapeXML`, sent along.
 */

/** The part names, and the partial of each. */
export const LIVE_PARTIALS: Readonly<Record<string, string>> = {
  verdict: 'partials/verdict',
  watch: 'partials/results-watch',
  comparison: 'partials/results-comparison',
  expectations: 'partials/results-expectations',
  options: 'partials/results-options',
  sensitivity: 'partials/results-sensitivity',
  outcomes: 'partials/results-outcomes',
};

export interface LiveTemplates {
  /** The script's text. */
  script: string;
  /** A short hash of it, for the page's `?v=` (the script is cached for an hour). */
  version: string;
}

/** The script that defines `window.branchpointTemplates`, from the views in `viewsDir`. */
export function liveTemplates(viewsDir: string): LiveTemplates {
  const functions = Object.entries(LIVE_PARTIALS).map(([part, view]) => {
    const file = join(viewsDir, `${view}.ejs`);
    const template = new ejs.Template(readFileSync(file, 'utf8'), {
      filename: file,
      compileDebug: false,
      localsName: 'locals',
    });
    template.compile();
    return `  ${JSON.stringify(part)}: function (locals, escapeFn) {\n${template.source}\n  }`;
  });
  const script = `/* The result partials of the scenario page, compiled by ejs for src/web/live-templates.ts. */
(function () {
  var escapeFn = ${String(ejs.escapeXML)};
  var templates = {
${functions.join(',\n')}
  };
  window.branchpointTemplates = {
    render: function (part, locals) {
      var t = templates[part];
      if (!t) throw new Error('no template for ' + part);
      return t(locals, escapeFn);
    },
  };
})();
`;
  return { script, version: createHash('sha256').update(script).digest('hex').slice(0, 12) };
}
