import { evaluationJson } from '../../src/web/evaluation-json';
import { evaluated, fixture, scenarioOf } from '../helpers/scenario';

describe('evaluationJson', () => {
  it('writes what JSON.stringify writes, also when the policy JSON is kept from before', () => {
    const scenario = scenarioOf(fixture('oil-wildcatter.yaml'));
    for (const p_dry of [0.5, 0.52, 0.95, 0.5, 0.3]) {
      const e = evaluated(scenario, { set: { p_dry, p_wet: Math.min(0.3, 1 - p_dry) } });
      expect(evaluationJson(e)).toBe(JSON.stringify(e));
    }
  });
});
