import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenario, type ScenarioDocument } from '../../src/document';
import { evaluate } from '../../src/engine';
import { parseDistribution } from '../../src/model/distribution';
import type { Scenario, TreeNode } from '../../src/model/types';

/**
 * The scenarios that ship in scenarios/ are the product's first impression: each must validate,
 * every number must say what it rests on, quotes of the article must be the article's words,
 * path totals must stay on the criteria's stated scale, and the shared library must keep its
 * promises (ranges are 90% intervals, ordered events stay ordered in every draw).
 */
const dir = join(__dirname, '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const LIBRARY = join(dir, 'libraries', 'shared-events.yaml');
const ARTICLE_ID = 'euglobal';

/** Curly quotes and apostrophes made straight, dashes kept, whitespace runs made one space. */
function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

const article = normalise(readFileSync(join(dir, 'sources', 'article.txt'), 'utf8'));

function nodes(n: TreeNode): TreeNode[] {
  return [n, ...n.children.flatMap(nodes)];
}

/** Every text in a scenario (its libraries included) that could cite something, with its source. */
function notes(s: Scenario): { where: string; text: string; source: string | null }[] {
  const out: { where: string; text: string; source: string | null }[] = [];
  const add = (where: string, text: string | null | undefined, source: string | null = null) => {
    if (text) out.push({ where, text, source });
  };
  add('description', s.description);
  for (const src of s.sources) add(`source ${src.id}`, src.note, src.id);
  for (const c of s.criteria) add(`criterion ${c.id}`, c.note);
  for (const p of s.parameters) add(`parameter ${p.name}`, p.note, p.source);
  for (const n of nodes(s.root)) add(`node ${n.id}`, n.note, n.source);
  for (const i of s.indicators) add(`indicator ${i.id}`, i.note, i.source);
  for (const e of s.expectations) add('expectation', e.note);
  return out;
}

/** A note cites the article when its source is the article or it names it. */
function citesArticle(n: { text: string; source: string | null }): boolean {
  return n.source === ARTICLE_ID || /\barticle\b|euglobal|editorial/.test(n.text);
}

/** Double-quoted spans; an elision (... or …) splits a quote into parts that must each appear. */
function quotes(text: string): string[] {
  const found = normalise(text).match(/"[^"]+"/g) ?? [];
  return found
    .map((q) => q.slice(1, -1))
    .flatMap((q) => q.split(/\s*(?:\.\.\.|\u2026)\s*/))
    .map((q) => q.trim())
    .filter((q) => q.length > 0);
}

/**
 * The u-quantile of beta(a, b) by numerical integration of its density (midpoint rule on a
 * fine grid); accurate to about 1e-4 for the shapes used here (a, b >= 1).
 */
function betaQuantile(u: number, a: number, b: number): number {
  const n = 20_000;
  const density = (x: number) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x));
  const cdf = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) cdf[i] = cdf[i - 1]! + density((i - 0.5) / n) / n;
  const total = cdf[n]!;
  for (let i = 1; i <= n; i++) {
    if (cdf[i]! / total >= u) {
      const lo = cdf[i - 1]! / total;
      const hi = cdf[i]! / total;
      return (i - 1 + (u - lo) / (hi - lo)) / n;
    }
  }
  return 1;
}

function triangularQuantile(u: number, lo: number, mode: number, hi: number): number {
  const f = (mode - lo) / (hi - lo);
  return u < f
    ? lo + Math.sqrt(u * (hi - lo) * (mode - lo))
    : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/** The parameter values an evaluation uses, as the array compiled expressions read. */
function valueArray(s: Scenario, set: Record<string, number> = {}): Float64Array {
  const r = evaluate(s, { set });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const values = new Float64Array(s.parameters.length);
  for (const p of s.parameters) values[p.index] = r.value.parameters[p.name]!;
  return values;
}

const docs = new Map<string, ScenarioDocument>();
beforeAll(async () => {
  for (const f of files) docs.set(f, await readScenario(join(dir, f)));
});

it('ships the three scenarios from the article and the view from Moscow', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'us-response.yaml',
      'european-forces.yaml',
      'nato-posture.yaml',
      'moscow-signals.yaml',
    ]),
  );
});

it('keeps a verbatim copy of the article', () => {
  expect(readFileSync(join(dir, 'sources', 'article.txt'), 'utf8')).toBe(
    readFileSync(join(dir, 'sources', 'article.txt'), 'utf8'),
  );
  expect(article).toContain("Putin's Escalation Signals: What Lies Ahead for NATO, Ukraine, and Trump?");
  expect(article).toContain('Reports indicate');
});

describe.each(files)('%s', (file) => {
  const doc = () => docs.get(file)!;
  const scenario = (): Scenario => {
    const d = doc();
    if (!d.ok) throw new Error(d.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
    return d.scenario;
  };

  it('validates, with its base case evaluating', () => {
    const d = doc();
    expect(d.ok ? [] : d.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([]);
  });

  it('imports the shared library', () => {
    expect(scenario().imports.map((f) => join(f))).toContain(LIBRARY);
  });

  it('has a description stating the question, horizon, whose values, date context and scope', () => {
    const text = normalise(scenario().description ?? '');
    expect(text).toMatch(/question/i);
    expect(text).toMatch(/horizon/i);
    expect(text).toMatch(/whose values/i);
    expect(text).toMatch(/late 2024/);
    expect(text).toMatch(/inauguration/);
    expect(text).toMatch(/undated/);
    expect(text).toContain('"Reports indicate"');
    expect(text).toMatch(/out of scope/i);
  });

  it('gives every parameter a note and a known source', () => {
    const s = scenario();
    const sources = new Set(s.sources.map((x) => x.id));
    for (const p of s.parameters) {
      expect({ name: p.name, note: Boolean(p.note), source: p.source !== null && sources.has(p.source) }).toEqual({
        name: p.name,
        note: true,
        source: true,
      });
    }
  });

  it('cites the article only for what it says: quotes in notes citing it are verbatim', () => {
    const wrong: string[] = [];
    for (const n of notes(scenario()).filter(citesArticle))
      for (const q of quotes(n.text)) if (!article.includes(q)) wrong.push(`${n.where}: "${q}"`);
    expect(wrong).toEqual([]);
  });

  it('sources to the article only notes that quote it', () => {
    const bare = notes(scenario())
      .filter((n) => n.source === ARTICLE_ID && !n.where.startsWith('source '))
      .filter((n) => quotes(n.text).length === 0)
      .map((n) => n.where);
    expect(bare).toEqual([]);
  });

  it('gives every literal probability a note and a source on its branch', () => {
    for (const n of nodes(scenario().root)) {
      if (n.probability?.kind !== 'number') continue;
      expect({ node: n.id, note: Boolean(n.note), source: Boolean(n.source) }).toEqual({ node: n.id, note: true, source: true });
    }
  });

  it('anchors every criterion at 0, 5 and 10 and says whose weight it is', () => {
    for (const c of scenario().criteria) {
      const note = c.note ?? '';
      expect({ id: c.id, anchors: /\b0 = /.test(note) && /\b5 = /.test(note) && /\b10 = /.test(note) }).toEqual({
        id: c.id,
        anchors: true,
      });
      expect({ id: c.id, whose: /weight[^.]*analyst/i.test(normalise(note)) }).toEqual({ id: c.id, whose: true });
    }
  });

  it('keeps every outcome path total of every criterion within the stated 0-10 scale', () => {
    const s = scenario();
    const base = valueArray(s);
    // Payoff expressions read a parameter or two; try them at the base and at the ends of their ranges.
    const vectors = [base];
    for (const p of s.parameters)
      if (p.range) for (const v of p.range) vectors.push(valueArray(s, { [p.name]: v }));
    const outside: string[] = [];
    const walk = (n: TreeNode, totals: number[][]) => {
      const next = totals.map((t, k) => {
        const out = [...t];
        for (const term of n.payoff)
          out[term.criterion]! +=
            term.amount.kind === 'number' ? term.amount.value : term.amount.expression.evaluate(vectors[k]!);
        return out;
      });
      if (n.type === 'outcome') {
        s.criteria.forEach((c, i) => {
          const values = next.map((t) => t[i]!);
          if (Math.min(...values) < -1e-9 || Math.max(...values) > 10 + 1e-9)
            outside.push(`${n.id} ${c.id}: ${Math.min(...values)}..${Math.max(...values)}`);
        });
      }
      for (const child of n.children) walk(child, next);
    };
    walk(
      s.root,
      vectors.map(() => s.criteria.map(() => 0)),
    );
    expect(s.criteria.every((c) => c.unit === 'index 0-10')).toBe(true);
    expect(outside).toEqual([]);
  });

  it('gives every sampled parameter a range equal to its distribution\'s 90% interval', () => {
    const off: string[] = [];
    for (const p of scenario().parameters) {
      if (!p.distribution || !p.range) continue;
      const d = parseDistribution(p.distribution);
      if (!d.ok) throw new Error(p.distribution);
      const q = (u: number): number | null => {
        const x = d.value;
        switch (x.name) {
          case 'beta':
            return betaQuantile(u, x.a, x.b);
          case 'uniform':
            return x.lo + u * (x.hi - x.lo);
          case 'triangular':
            return triangularQuantile(u, x.lo, x.mode, x.hi);
          default:
            return null;
        }
      };
      const lo = q(0.05);
      const hi = q(0.95);
      if (lo === null || hi === null) continue;
      if (Math.abs(lo - p.range[0]) > 0.0015 || Math.abs(hi - p.range[1]) > 0.0015)
        off.push(`${p.name}: range [${p.range.join(', ')}], 90% interval [${lo.toFixed(3)}, ${hi.toFixed(3)}]`);
    }
    expect(off).toEqual([]);
  });

  it('states its robustness in expectations', () => {
    expect(scenario().expectations.length).toBeGreaterThanOrEqual(3);
  });

  it('models the article\'s mechanisms as indicators', () => {
    const ids = scenario().indicators.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['oreshnik_deployed', 'peskov_softens', 'summit_date']));
    for (const i of scenario().indicators) expect({ id: i.id, note: Boolean(i.note), source: i.source }).toEqual({ id: i.id, note: true, source: ARTICLE_ID });
  });

  it('keeps its tree readable and offers at least three options weighed on several criteria', () => {
    const s = scenario();
    const d = doc();
    expect(s.nodeCount).toBeGreaterThanOrEqual(30);
    expect(s.nodeCount).toBeLessThanOrEqual(90);
    expect(d.ok && d.base.options.length).toBeGreaterThanOrEqual(3);
    expect(s.criteria.length).toBeGreaterThanOrEqual(3);
    expect(s.criteria.some((c) => c.direction === 'min')).toBe(true);
  });
});

describe('the shared library', () => {
  const us = () => {
    const d = docs.get('us-response.yaml')!;
    if (!d.ok) throw new Error('us-response does not validate');
    return d.scenario;
  };
  const library = () => us().parameters.filter((p) => p.file !== null && join(p.file) === LIBRARY);

  it('gives every event a horizon, a phrase and a confidence', () => {
    const missing: string[] = [];
    for (const p of library()) {
      if (p.unit !== 'probability') continue;
      const phrase =
        p.phrase !== null ||
        /"(almost no chance|very unlikely|unlikely|roughly even chance|likely|very likely|almost certain)"/.test(p.note ?? '');
      const horizon = /\[[^\]]+\]|to 20\d\d|within the decade/.test(p.label ?? '');
      const confidence = p.value.kind === 'expression' || p.confidence !== null;
      if (!phrase || !horizon || !confidence) missing.push(`${p.name}: phrase ${phrase}, horizon ${horizon}, confidence ${confidence}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps ordered events ordered in every draw', () => {
    const s = us();
    const sampled = s.parameters.filter((p) => p.file !== null && p.range && p.distribution);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let draw = 0; draw < 200; draw++) {
      const set: Record<string, number> = {};
      for (const p of sampled) set[p.name] = p.range![0] + random() * (p.range![1] - p.range![0]);
      const v = evaluate(s, { set });
      if (!v.ok) throw new Error(v.errors[0]!.message);
      const x = v.value.parameters;
      expect(x.p_china_aligns!).toBeGreaterThanOrEqual(x.p_china_material!);
      expect(x.p_us_backstop!).toBeLessThanOrEqual(x.p_us_arms_kyiv!);
      expect(x.p_us_article5!).toBeGreaterThanOrEqual(x.p_us_arms_kyiv!);
      expect(x.p_holds_terms!).toBeGreaterThanOrEqual(x.p_holds_bare!);
      expect(x.p_holds_armed_alone!).toBeGreaterThanOrEqual(x.p_holds_bare!);
      expect(x.p_holds_armed!).toBeGreaterThanOrEqual(x.p_holds_armed_alone!);
      expect(x.p_holds_force_backed!).toBeGreaterThanOrEqual(x.p_holds_armed!);
      expect(x.p_holds_force_backed!).toBeGreaterThanOrEqual(x.p_holds_force_alone!);
      expect(x.p_holds_force_alone!).toBeGreaterThanOrEqual(x.p_holds_armed_alone!);
    }
  });

  it('is the one definition every scenario shares', () => {
    const names = library().map((p) => p.name);
    for (const f of files) {
      const d = docs.get(f)!;
      if (!d.ok) continue;
      const own = d.scenario.parameters.filter((p) => p.file === null).map((p) => p.name);
      expect(own.filter((n) => names.includes(n))).toEqual([]);
    }
  });
});
