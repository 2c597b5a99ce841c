import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, type Evaluation, type Overrides } from '../../src/engine';
import { loadScenario } from '../../src/load';
import type { Diagnostic } from '../../src/model/diagnostic';
import type { Scenario } from '../../src/model/types';

/** Loads YAML (or JSON, which is YAML) that must be valid; fails the test with the diagnostics otherwise. */
export function scenarioOf(text: string): Scenario {
  const loaded = loadScenario(text, 'test.yaml');
  if (!loaded.ok)
    throw new Error(
      `expected a valid scenario:\n${loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n')}`,
    );
  return loaded.scenario;
}

export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
}

/** Evaluates and expects success. */
export function evaluated(scenario: Scenario, overrides: Overrides = {}): Evaluation {
  const result = evaluate(scenario, overrides);
  if (!result.ok)
    throw new Error(
      `expected evaluation to succeed:\n${result.errors.map((e) => e.message).join('\n')}`,
    );
  return result.value;
}

/** Evaluates and expects failure. */
export function evaluationErrors(scenario: Scenario, overrides: Overrides = {}): Diagnostic[] {
  const result = evaluate(scenario, overrides);
  if (result.ok) throw new Error('expected evaluation to fail');
  return result.errors;
}
