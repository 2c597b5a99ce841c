import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import type { ScenarioDocument } from '../../src/document';
import type { StoredScenario } from '../../src/folder/scenario-folder';
import { ListBodies } from '../../src/web/list-body';

/**
 * The body of `GET /api/scenarios`, kept in chunks so that a save rebuilds one: whatever the
 * history of saves, the JSON, its gzipped form and the ETag are those of the list as it is.
 */

/** A stored variant with a document of just what the list shows. */
function stored(id: string, title: string): StoredScenario {
  const doc = {
    ok: true,
    scenario: { title },
    base: { choice: 'wait' },
  } as unknown as ScenarioDocument;
  return { id, doc, variantOf: 'bridge', kind: 'variant' };
}

function ids(n: number): StoredScenario[] {
  return Array.from({ length: n }, (_, i) => stored(`bridge--v${i}`, `Variant ${i}`));
}

describe('ListBodies', () => {
  it('sends the list as JSON and gzipped, the gzip unzipping to the same bytes', () => {
    const list = ids(500);
    const body = new ListBodies().body(list);
    const entries = JSON.parse(body.json().toString('utf8')) as { id: string; title: string }[];
    expect(entries.map((e) => e.id)).toEqual(list.map((e) => e.id));
    expect(entries[3]).toEqual({
      id: 'bridge--v3',
      variant_of: 'bridge',
      title: 'Variant 3',
      valid: true,
      choice: 'wait',
      errors: [],
    });
    expect(gunzipSync(body.gzip()).equals(body.json())).toBe(true);
    expect(body.gzip().length).toBeLessThan(body.json().length / 5);
  });

  it('lists nothing as [] in both forms', () => {
    const body = new ListBodies().body([]);
    expect(body.json().toString()).toBe('[]');
    expect(gunzipSync(body.gzip()).toString()).toBe('[]');
  });

  it('hands out the same body for the same listing, and a new ETag when an entry changes', () => {
    const bodies = new ListBodies();
    const list = ids(300);
    const first = bodies.body(list);
    expect(bodies.body(list)).toBe(first);
    const changed = list.slice();
    changed[150] = stored('bridge--v150', 'Renamed');
    const second = bodies.body(changed);
    expect(second.etag).not.toBe(first.etag);
    expect(second.etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(JSON.parse(second.json().toString())[150].title).toBe('Renamed');
  });

  it('gives after any history of saves the bytes and ETag a fresh listing of the same list gives', () => {
    // Each step inserts, removes or renames entries; the kept chunks must never show through.
    const step = fc.oneof(
      fc.record({
        op: fc.constant('insert' as const),
        at: fc.nat(),
        name: fc.string({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({
        op: fc.constant('rename' as const),
        at: fc.nat(),
        name: fc.string({ maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(step, { maxLength: 12 }),
        (n, steps) => {
          const kept = new ListBodies();
          let list = ids(n);
          kept.body(list);
          for (const [i, s] of steps.entries()) {
            list = list.slice();
            const at = list.length === 0 ? 0 : s.at % list.length;
            if (s.op === 'insert') list.splice(at, 0, stored(`bridge--new-${i}-${s.name}`, s.name));
            else if (s.op === 'remove') list.splice(at, 1);
            else if (list.length > 0) list[at] = stored(list[at]!.id, s.name);
            const body = kept.body(list);
            const fresh = new ListBodies().body(list);
            expect(body.etag).toBe(fresh.etag);
            expect(body.json().equals(fresh.json())).toBe(true);
            expect(gunzipSync(body.gzip()).equals(fresh.json())).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
