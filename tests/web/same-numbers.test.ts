import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli } from '../../src/cli/make-program';
import { readScenario } from '../../src/document';
import { mdText } from '../../src/report/markdown-text';
import { scoreColumn } from '../../src/present';
import { createApp } from '../../src/web/create-app';

/**
 * One code path: the same request gives the same numbers, byte for byte, in the page (the JSON
 * its live updates use, and its HTML), the HTML, Markdown and JSON exports, and
 * `evaluate`/`sensitivity --format json`, on every shipped scenario with and without overrides.
 */
const SCENARIOS = join(__dirname, '..', '..', 'scenarios');
const shipped = readdirSync(SCENARIOS).filter((f) => /\.ya?ml$/.test(f));
let dir: string;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-same-numbers-'));
  cpSync(SCENARIOS, dir, { recursive: true });
  app = createApp({ dir, history: null });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<unknown> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`branchpoint ${args.join(' ')}: ${stderr}`);
  return JSON.parse(stdout);
}

/** HTML text with the entities the templates and the report write turned back into characters. */
function unescapeHtml(html: string): string {
  return html
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A change of one ranged parameter (to the middle of its range) and of the first weight. */
async function overridesFor(file: string): Promise<{ set: string[]; weight: string[] }> {
  const doc = await readScenario(file);
  if (!doc.ok) throw new Error(`${file} does not validate`);
  const p = doc.scenario.parameters.find((x) => x.range !== null && x.value.kind === 'number');
  const c = doc.scenario.criteria[0]!;
  return {
    set: p ? [`${p.name}=${(p.range![0] + p.range![1]) / 2}`] : [],
    weight: [`${c.id}=${c.weight * 1.5}`],
  };
}

type Option = { id: string; score: number };
type BreakEven = { name: string; values: number[] };

describe.each(shipped)('%s', (name) => {
  const id = name.replace(/\.ya?ml$/, '');
  it.each([false, true])(
    'gives the same numbers everywhere (overrides: %s)',
    async (changed) => {
      const file = join(dir, name);
      const o = changed ? await overridesFor(file) : { set: [], weight: [] };
      const fields = Object.fromEntries([
        ...o.set.map((s) => [`p.${s.split('=')[0]}`, s.split('=')[1]]),
        ...o.weight.map((s) => [`w.${s.split('=')[0]}`, s.split('=')[1]]),
      ]) as Record<string, string>;
      const query = new URLSearchParams(fields).toString();
      const flags = [
        ...o.set.flatMap((s) => ['--set', s]),
        ...o.weight.flatMap((s) => ['--weight', s]),
      ];

      const live = await request(app)
        .post(`/api/scenarios/${id}/explore?part=robustness`)
        .send(fields)
        .expect(200);
      const page = (
        live.body as {
          numbers: { choice: string; score: number; options: Option[]; break_evens: BreakEven[] };
        }
      ).numbers;
      const evaluated = (await cli('evaluate', file, '--format', 'json', ...flags)) as {
        choice: string;
        score: number;
        options: Option[];
      };
      const sensitivity = (await cli('sensitivity', file, '--format', 'json', ...flags)) as {
        parameters: { name: string; thresholds: { value: number }[] }[];
      };
      const report = JSON.parse(
        (await request(app).get(`/scenarios/${id}/report.json?${query}`).expect(200)).text,
      ) as {
        score: number;
        recommendation: { id: string } | null;
        options: Option[];
        statements: string[];
        sensitivity: { entries: { name: string; thresholds: { value: number }[] }[] };
      };

      const scores = (xs: Option[]) => JSON.stringify(xs.map((x) => [x.id, x.score]));
      expect(scores(page.options)).toBe(scores(evaluated.options));
      expect(scores(report.options)).toBe(scores(evaluated.options));
      expect(JSON.stringify([page.choice, page.score])).toBe(
        JSON.stringify([evaluated.choice, evaluated.score]),
      );
      expect(JSON.stringify([report.recommendation?.id ?? null, report.score])).toBe(
        JSON.stringify([evaluated.choice, evaluated.score]),
      );
      const breakEvens = (xs: { name: string; thresholds: { value: number }[] }[]) =>
        JSON.stringify(
          xs
            .filter((x) => x.thresholds.length > 0)
            .map((x) => [x.name, x.thresholds.map((t) => t.value)]),
        );
      expect(JSON.stringify(page.break_evens.map((b) => [b.name, b.values]))).toBe(
        breakEvens(sensitivity.parameters),
      );
      expect(breakEvens(report.sensitivity.entries)).toBe(breakEvens(sensitivity.parameters));

      // The words and the formatted scores are the same in the page and the HTML and MD reports.
      const html = unescapeHtml((await request(app).get(`/scenarios/${id}?${query}`)).text);
      const reportHtml = unescapeHtml(
        (await request(app).get(`/scenarios/${id}/report.html?${query}`).expect(200)).text,
      );
      const md = (await request(app).get(`/scenarios/${id}/report.md?${query}`).expect(200)).text;
      const column = scoreColumn(evaluated.options.map((x) => x.score));
      for (const x of evaluated.options) {
        expect(html).toContain(`<td>${column(x.score)}</td>`);
        expect(reportHtml).toContain(`>${column(x.score)}<`);
        expect(md).toMatch(
          new RegExp(`\\| (\\*\\*)?${column(x.score).replace('.', '\\.')}(\\*\\*)? \\|`),
        );
      }
      for (const s of report.statements) {
        expect(html).toContain(s);
        expect(reportHtml).toContain(s);
        expect(md).toContain(mdText(s));
      }
    },
    60_000,
  );
});
