import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import request from 'supertest';
import { withTreeChanges, type TreeDatum } from '../../src/draw/tree-layout';
import * as evaluateModule from '../../src/engine/evaluate';
import * as sensitivityModule from '../../src/engine/sensitivity';
import { createApp } from '../../src/web/create-app';

/**
 * The live page's protocol (POST /api/scenarios/:id/explore, src/web/live-view.ts): the fast
 * answer sends only what differs from what the page shows, the robustness answer the numbers
 * that need many rollbacks, and the page's script draws both with the server's own partials.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');
let dir: string;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-explore-'));
  copyFileSync(join(FIXTURES, 'watch-sky.yaml'), join(dir, 'watch-sky.yaml'));
  app = createApp({ dir, history: null });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

interface Part {
  results: Record<string, unknown>;
  comparison: unknown;
  pending?: boolean;
}

interface Fast {
  part: 'fast';
  query: string;
  stale: boolean;
  invalid: { label: string; htmlId: string; message: string }[];
  messages: string[];
  fields: { name: string; value: string; changed: boolean; error: string | null }[];
  indicators: { id: string; state: string }[];
  parts: Record<string, Part>;
  tree: Record<string, Record<string, unknown>>;
  numbers: { choice: string; score: number } | null;
}

const explore = (body: object, part = '') =>
  request(app).post(`/api/scenarios/watch-sky/explore${part}`).send(body);

async function fast(body: object): Promise<Fast> {
  const res = await explore(body).expect(200);
  return res.body as Fast;
}

/** The page's HTML of one part, by a marker in its opening tag, up to its closing `</div>`. */
function partHtml(page: string, marker: string): string {
  const start = page.indexOf('>', page.indexOf(marker)) + 1;
  // A partial's lines are indented or end it with a newline: its wrapper closes at column 0.
  return page.slice(start, page.indexOf('\n</div>', start) + 1);
}

function treeDataOf(page: string): TreeDatum {
  const m = /<script type="application\/json" class="tree-data">(.*?)<\/script>/s.exec(page);
  return JSON.parse(m![1]!) as TreeDatum;
}

describe('the fast answer', () => {
  it('sends every part and node when it does not know what the page shows', async () => {
    const view = await fast({ 'p.p_rain': '0.35' });
    expect(view).toMatchObject({ part: 'fast', stale: false, query: 'p.p_rain=0.35' });
    expect(Object.keys(view.parts).sort()).toEqual([
      'comparison',
      'options',
      'outcomes',
      'verdict',
    ]);
    expect(Object.keys(view.tree).length).toBeGreaterThan(5);
    // The tipping point needs the robustness answer: the verdict says it is on its way.
    expect(view.parts.verdict!.pending).toBe(true);
  });

  it('sends only what differs from what the page shows', async () => {
    const same = await fast({ 'p.p_rain': '0.35', shown: 'p.p_rain=0.35' });
    expect(same.parts).toEqual({});
    expect(same.tree).toEqual({});
    // Only the changed field is listed; the others are unchanged and fine.
    expect(same.fields.map((f) => f.name)).toEqual(['p.p_rain']);

    const next = await fast({ 'p.p_rain': '0.36', shown: 'p.p_rain=0.35' });
    expect(Object.keys(next.parts)).toEqual(expect.arrayContaining(['options', 'outcomes']));
    // A node keeps what did not change: its label is never sent, nor unchanged numbers.
    for (const change of Object.values(next.tree)) {
      expect(change).not.toHaveProperty('label');
      expect(Object.keys(change).length).toBeGreaterThan(0);
    }
  });

  it("on a variant's page, sends nothing of the results until a value changes", async () => {
    const made = await request(app)
      .post('/api/scenarios/watch-sky/variants')
      .send({ name: 'Wet week', set: { p_rain: 0.6 } })
      .expect(201);
    const id = made.body.id as string;
    const opened = (await request(app).get(`/scenarios/${id}`).expect(200)).text;
    const shown = /data-shown="([^"]*)"/.exec(opened)![1]!;
    expect(shown).toBe('p.p_rain=0.6');
    const same = await request(app)
      .post(`/api/scenarios/${id}/explore`)
      .send({ 'p.p_rain': '0.6', shown })
      .expect(200);
    expect(same.body).toMatchObject({ stale: false, dirty: false, parts: {}, tree: {} });
    const moved = await request(app)
      .post(`/api/scenarios/${id}/explore`)
      .send({ 'p.p_rain': '0.7', shown })
      .expect(200);
    expect(moved.body.dirty).toBe(true);
    expect(Object.keys(moved.body.parts)).toContain('options');
    // The variant's value set back to the file's stays in the address, which then means it.
    const back = await request(app)
      .post(`/api/scenarios/${id}/explore`)
      .send({ 'p.p_rain': '0.4', shown })
      .expect(200);
    const file = await request(app)
      .post('/api/scenarios/watch-sky/explore')
      .send({ shown: '' })
      .expect(200);
    expect(back.body.query).toBe('p.p_rain=0.4');
    expect(back.body.numbers).toEqual(file.body.numbers);
    const page = (await request(app).get(`/scenarios/${id}?p.p_rain=0.4`).expect(200)).text;
    expect(/data-shown="([^"]*)"/.exec(page)![1]).toBe('p.p_rain=0.4');
  });

  it('shows a value that changes the recommendation', async () => {
    const before = await fast({ shown: '' });
    expect(before.numbers?.choice).toBe('walk-with-an-umbrella');
    const after = await fast({ 'p.p_rain': '0.05', shown: '' });
    expect(after.numbers?.choice).toBe('walk-without');
    const verdict = after.parts.verdict!.results as { recommendation: string };
    expect(verdict.recommendation).toBe('Walk without');
    // The options table marks the new best, and the tree's option nodes swap their flags.
    const options = after.parts.options!.results.options as { id: string; chosen: boolean }[];
    expect(options.find((o) => o.chosen)?.id).toBe('walk-without');
    const flipped = Object.entries(after.tree).filter(([, c]) => 'chosen' in c);
    expect(flipped.length).toBe(2);
  });

  it('names the field of a bad value, beside it and in the banner', async () => {
    const view = await fast({ 'w.cost': 'x', shown: '' });
    expect(view.stale).toBe(true);
    expect(view.parts).toEqual({});
    expect(view.fields).toEqual([
      { name: 'w.cost', value: 'x', changed: true, error: "'x' is not a number", phrase: null },
    ]);
    expect(view.invalid).toEqual([
      expect.objectContaining({ htmlId: 'f-w_cost', message: "'x' is not a number" }),
    ]);
    const unknown = await fast({ 'p.p_rain': '2', shown: '' });
    expect(unknown.stale).toBe(true);
    expect(unknown.fields.find((f) => f.name === 'p.p_rain')?.error).toMatch(/p_rain|probabilit/);
  });

  it('answers 400 for a malformed request, naming what is wrong', async () => {
    const shown = await explore({ shown: 5 }).expect(400);
    expect(shown.body.errors[0]).toMatchObject({ code: 'BAD_REQUEST', path: 'shown' });
    const part = await explore({}, '?part=everything').expect(400);
    expect(part.body.errors[0]).toMatchObject({ path: 'part' });
    await explore([1, 2]).expect(400);
  });

  it('answers the same values from its cache, the same body and no rollback', async () => {
    const body = { 'p.p_rain': '0.42', 'w.cost': '1.5', shown: 'p.p_rain=0.35' };
    const first = await explore(body).expect(200);
    const spy = jest.spyOn(evaluateModule, 'evaluateTree');
    const again = await explore(body).expect(200);
    expect(again.text).toBe(first.text);
    expect(spy).not.toHaveBeenCalled();
  });

  it('runs one rollback and nothing more', async () => {
    await fast({ shown: '' });
    const tree = jest.spyOn(evaluateModule, 'evaluateTree');
    const sens = jest.spyOn(sensitivityModule, 'sensitivity');
    await fast({ 'p.p_rain': '0.31', shown: '' });
    expect(tree).toHaveBeenCalledTimes(1);
    expect(sens).not.toHaveBeenCalled();
  });
});

describe('the robustness answer', () => {
  it('brings the tipping point, break-evens, expectations and indicators for these values', async () => {
    const res = await explore({ 'p.p_rain': '0.35' }, '?part=robustness').expect(200);
    const view = res.body as {
      part: string;
      query: string;
      parts: Record<string, Part>;
      breakEvens: { name: string; text: string }[];
      indicators: { id: string; watch: boolean; sentences: string[] }[];
      numbers: { break_evens: unknown[] };
    };
    expect(view).toMatchObject({ part: 'robustness', query: 'p.p_rain=0.35' });
    expect(Object.keys(view.parts).sort()).toEqual([
      'expectations',
      'sensitivity',
      'verdict',
      'watch',
    ]);
    const bottom = view.parts.verdict!.results.bottomLine as { items: { label: string }[] };
    expect(bottom.items.map((i) => i.label)).toContain('Nearest tipping point');
    expect(view.breakEvens.map((b) => b.name)).toContain('p.p_rain');
    expect(view.indicators.map((i) => i.id)).toEqual(['clear_dawn', 'radar_band']);
    expect(view.numbers.break_evens.length).toBeGreaterThan(0);
    const again = await explore({ 'p.p_rain': '0.35' }, '?part=robustness').expect(200);
    expect(again.text).toBe(res.text);
  });

  it('says stale, and nothing else, when the values do not evaluate', async () => {
    const res = await explore({ 'w.cost': 'x' }, '?part=robustness').expect(200);
    expect(res.body).toMatchObject({ stale: true, parts: {}, breakEvens: [] });
  });
});

describe("the page's script draws what the server draws", () => {
  it('renders each part with the server’s partial, to the same HTML as the page', async () => {
    const script = (await request(app).get('/static/live-templates.js').expect(200)).text;
    const window: {
      branchpointTemplates?: { render(part: string, locals: object): string };
    } = {};
    runInNewContext(script, { window });
    const templates = window.branchpointTemplates!;

    const query = 'p.p_rain=0.05&w.cost=2';
    const page = (await request(app).get(`/scenarios/watch-sky?${query}`).expect(200)).text;
    const view = await fast({ 'p.p_rain': '0.05', 'w.cost': '2' });
    for (const name of ['options', 'outcomes', 'comparison'])
      expect(templates.render(name, view.parts[name]!)).toBe(partHtml(page, `data-part="${name}"`));
    const robust = (await explore({ 'p.p_rain': '0.05', 'w.cost': '2' }, '?part=robustness'))
      .body as { parts: Record<string, Part> };
    for (const name of ['expectations', 'sensitivity', 'watch'])
      expect(templates.render(name, robust.parts[name]!)).toBe(
        partHtml(page, `data-part="${name}"`),
      );
    const verdict = page.slice(
      page.indexOf('>', page.indexOf('id="verdict"')) + 1,
      page.indexOf('</section>', page.indexOf('id="verdict"')) + '</section>'.length,
    );
    expect(templates.render('verdict', robust.parts.verdict!).trim()).toBe(verdict.trim());
  });

  it('merges the tree’s changed numbers into the tree shown, giving the page’s tree', async () => {
    const before = (await request(app).get('/scenarios/watch-sky?p.p_rain=0.35').expect(200)).text;
    const after = (await request(app).get('/scenarios/watch-sky?p.p_rain=0.05').expect(200)).text;
    const view = await fast({ 'p.p_rain': '0.05', shown: 'p.p_rain=0.35' });
    expect(withTreeChanges(treeDataOf(before), view.tree)).toEqual(treeDataOf(after));
  });
});

describe('the answers of a scenario written in ASCII', () => {
  // The shipped scenario with the longest option labels: the bar chart cuts them.
  const SCENARIOS = join(__dirname, '..', '..', 'scenarios');
  let shipped: string;
  let shippedApp: ReturnType<typeof createApp>;

  beforeAll(() => {
    shipped = mkdtempSync(join(tmpdir(), 'branchpoint-explore-ascii-'));
    copyFileSync(join(SCENARIOS, 'european-forces.yaml'), join(shipped, 'european-forces.yaml'));
    cpSync(join(SCENARIOS, 'libraries'), join(shipped, 'libraries'), { recursive: true });
    shippedApp = createApp({ dir: shipped, history: null });
  });

  afterAll(() => rmSync(shipped, { recursive: true, force: true }));

  it('are ASCII, and the page and its script still end a cut bar label with an ellipsis', async () => {
    const res = await request(shippedApp)
      .post('/api/scenarios/european-forces/explore')
      .send({ 'p.p_signals_resolve': '0.3' })
      .expect(200);
    expect(res.text).toMatch(/^[\x20-\x7e]*$/);
    const bars = (res.body as Fast).parts.options!.results.bars as {
      items: { label: string; clipped: boolean; title: string }[];
    };
    const cut = bars.items.find((b) => b.clipped)!;
    expect(cut.title.startsWith(cut.label)).toBe(true);

    const script = (await request(shippedApp).get('/static/live-templates.js').expect(200)).text;
    const window: { branchpointTemplates?: { render(part: string, locals: object): string } } = {};
    runInNewContext(script, { window });
    const drawn = window.branchpointTemplates!.render('options', (res.body as Fast).parts.options!);
    expect(drawn).toContain(`>${cut.label}…</text>`);
    const page = (
      await request(shippedApp)
        .get('/scenarios/european-forces?p.p_signals_resolve=0.3')
        .expect(200)
    ).text;
    expect(page).toContain(`>${cut.label}…</text>`);
  });
});
