import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small served folder built for these tests (never the shipped scenarios, whose parameters
 * change): `bridge.yaml` imports `libraries/shared.yaml` (p_ok), and three analysts assess it.
 * Build: -cost + 10 p_ok - 10 (1 - p_ok); Wait: 0. With the file's values (cost 3, p_ok 0.6)
 * Wait is best (-1 against 0).
 */
export const BRIDGE = `title: Bridge
imports:
  - libraries/shared.yaml
parameters:
  cost:
    value: 3
    range: [1, 5]
    label: Cost of building
root:
  type: decision
  label: Build?
  options:
    - label: Build it
      id: build
      type: chance
      payoff: "-cost"
      branches:
        - label: Works
          probability: p_ok
          type: outcome
          payoff: 10
        - label: Fails
          probability: "#"
          type: outcome
          payoff: -10
    - label: Wait and see
      id: wait
      type: outcome
      payoff: 0
`;

export const SHARED = `title: Shared judgements
parameters:
  p_ok:
    value: 0.6
    label: P(the bridge works)
`;

export function assessment(analyst: string, set: string, rationale = ''): string {
  return `assesses: ../bridge.yaml\nanalyst: ${analyst}\nset: ${set}\n${rationale}`;
}

/** The folder, with the assessments when asked. */
export function bridgeFolder(withAssessments = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-folder-'));
  writeFileSync(join(dir, 'bridge.yaml'), BRIDGE);
  mkdirSync(join(dir, 'libraries'));
  writeFileSync(join(dir, 'libraries', 'shared.yaml'), SHARED);
  if (withAssessments) {
    const folder = join(dir, 'bridge.assessments');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'east.yaml'),
      assessment('East desk', '{ p_ok: 0.8 }', 'rationale: { p_ok: Engineers are confident. }\n'),
    );
    writeFileSync(join(folder, 'west.yaml'), assessment('West desk', '{ p_ok: 0.7 }'));
    writeFileSync(join(folder, 'south.yaml'), assessment('South desk', '{ cost: 1, p_ok: 0.5 }'));
  }
  return dir;
}
