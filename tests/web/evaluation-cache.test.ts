import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { ScenarioDocument } from '../../src/document';
import { createApp } from '../../src/web/create-app';
import { canonical, EvaluationCache } from '../../src/web/evaluation-cache';
import { bridgeFolder } from './folder-fixture';

const docA = { ok: true } as unknown as ScenarioDocument;
const docB = { ok: true } as unknown as ScenarioDocument;

describe('EvaluationCache', () => {
  it('answers the same overrides once, whatever the order of their keys', () => {
    const cache = new EvaluationCache();
    let computed = 0;
    const compute = () => ({ status: 200, body: String(++computed) });
    cache.answer('s', docA, { set: { a: 1, b: 2 }, weight: { w: 1 } }, compute);
    const again = cache.answer('s', docA, { weight: { w: 1 }, set: { b: 2, a: 1 } }, compute);
    expect(again.body).toBe('1');
    expect(cache.answer('s', docA, { set: { a: 1, b: 3 } }, compute).body).toBe('2');
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('keeps the order of observations, which matters', () => {
    const one = canonical({
      observe: [
        { id: 'a', seen: true },
        { id: 'b', seen: false },
      ],
    });
    const two = canonical({
      observe: [
        { id: 'b', seen: false },
        { id: 'a', seen: true },
      ],
    });
    expect(one).not.toBe(two);
  });

  it('drops a scenario’s answers when the folder hands out a new document', () => {
    const cache = new EvaluationCache();
    cache.answer('s', docA, {}, () => ({ status: 200, body: 'old' }));
    cache.answer('t', docA, {}, () => ({ status: 200, body: 'other' }));
    expect(cache.answer('s', docB, {}, () => ({ status: 200, body: 'new' })).body).toBe('new');
    expect(cache.size).toBe(2);
    expect(cache.answer('t', docA, {}, () => ({ status: 200, body: 'x' })).body).toBe('other');
  });

  it('is bounded, least recently used out first', () => {
    const cache = new EvaluationCache({ entries: 2, chars: 1000 });
    const put = (v: number, body = `${v}`) =>
      cache.answer('s', docA, { set: { v } }, () => ({ status: 200, body }));
    put(1);
    put(2);
    put(1); // a hit: 2 is now the oldest
    put(3);
    expect(cache.size).toBe(2);
    expect(put(2, 'again').body).toBe('again');
    const bySize = new EvaluationCache({ entries: 100, chars: 100 });
    for (let v = 0; v < 20; v++)
      bySize.answer('s', docA, { set: { v } }, () => ({ status: 200, body: 'x'.repeat(10) }));
    expect(bySize.size).toBe(10);
  });
});

describe('POST /api/scenarios/:id/evaluate with the cache', () => {
  let dir: string;
  beforeEach(() => (dir = bridgeFolder(false)));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers byte for byte as before, and anew once the file changes', async () => {
    const app = createApp({ dir, history: null });
    const ask = () =>
      request(app)
        .post('/api/scenarios/bridge/evaluate')
        .send({ set: { cost: 2 } })
        .expect(200);
    const first = await ask();
    const second = await ask();
    expect(second.text).toBe(first.text);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    const before = (first.body as { options: { id: string; score: number }[] }).options;

    // Build pays 10 more in every end state: a different answer, same size of file.
    const file = join(dir, 'bridge.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('payoff: 10\n', 'payoff: 20\n'));
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    const third = await ask();
    const after = (third.body as { options: { id: string; score: number }[] }).options;
    const build = (o: { id: string; score: number }[]) => o.find((x) => x.id === 'build')!.score;
    expect(build(after)).toBeCloseTo(build(before) + 0.6 * 10, 9);
  });

  it('keeps problems in the overrides as 422 answers', async () => {
    const app = createApp({ dir, history: null });
    for (let i = 0; i < 2; i++)
      await request(app)
        .post('/api/scenarios/bridge/evaluate')
        .send({ set: { nope: 1 } })
        .expect(422);
  });
});
