import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';

/** Accept scores 10 - 20 p_esc, Firm 2: Accept while p_esc < 0.4. */
const SCENARIO = `title: Deal
parameters:
  p_esc: { value: 0.3, label: P(escalation), range: [0.1, 0.5] }
indicators:
  - { id: missiles, label: missile deployment, updates: p_esc, if_true: 0.7, if_false: 0.2 }
  - { id: rhetoric, label: harsh rhetoric, updates: p_esc, if_true: 0.5, if_false: 0.4 }
root:
  type: decision
  label: Answer
  options:
    - label: Accept
      type: chance
      branches:
        - { label: Holds, type: outcome, probability: "1 - p_esc", payoff: 10 }
        - { label: Collapses, type: outcome, probability: "#", payoff: -10 }
    - { label: Firm, type: outcome, payoff: 2 }
`;

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-indicators-'));
  file = join(dir, 'deal.yaml');
  writeFileSync(file, SCENARIO);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('branchpoint indicators', () => {
  it('prints the JSON of FORMAT.md section 9', async () => {
    const r = await cli('indicators', file, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      base_choice: 'accept',
      indicators: [
        {
          id: 'missiles',
          label: 'missile deployment',
          parameter: 'p_esc',
          prior: 0.3,
          phrase: 'unlikely',
          if_seen: { value: expect.closeTo(0.6, 12), phrase: 'likely', choice: 'firm', score: 2 },
          if_not_seen: {
            value: expect.closeTo(0.09 / 0.65, 12),
            phrase: 'very unlikely',
            choice: 'accept',
            score: expect.closeTo(10 - (20 * 0.09) / 0.65, 12),
          },
          flips: true,
        },
        {
          id: 'rhetoric',
          label: 'harsh rhetoric',
          parameter: 'p_esc',
          prior: 0.3,
          phrase: 'unlikely',
          if_seen: {
            value: expect.closeTo(0.15 / 0.43, 12),
            phrase: 'unlikely',
            choice: 'accept',
            score: expect.any(Number),
          },
          if_not_seen: {
            value: expect.closeTo(0.15 / 0.57, 12),
            phrase: 'unlikely',
            choice: 'accept',
            score: expect.any(Number),
          },
          flips: false,
        },
      ],
    });
  });

  it('prints what to watch and a sentence per answer', async () => {
    const r = await cli('indicators', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommended now: Accept (accept)');
    expect(r.stdout).toContain('Watch: missiles (either answer could change the recommendation).');
    expect(r.stdout).toContain(
      'If missile deployment is seen, P(escalation) rises from 0.30 (unlikely) to 0.60 (likely) and the recommendation changes to Firm (firm).',
    );
    expect(r.stdout.indexOf('* missiles')).toBeLessThan(r.stdout.indexOf('  rhetoric'));
  });

  it('starts from earlier observations given with --observe', async () => {
    const r = await cli('indicators', file, '--observe', 'missiles', '--format', 'json');
    const json = JSON.parse(r.stdout);
    expect(json.base_choice).toBe('firm');
    expect(json.indicators[0].prior).toBeCloseTo(0.6, 12);
  });
});

describe('--observe on the commands that evaluate', () => {
  it('evaluate: seen, not seen, in the order given, after --set', async () => {
    const ev = async (...args: string[]) =>
      JSON.parse((await cli('evaluate', file, ...args, '--format', 'json')).stdout) as {
        parameters: Record<string, number>;
      };
    expect((await ev('--observe', 'missiles')).parameters.p_esc).toBeCloseTo(0.6, 12);
    expect((await ev('--observe', 'missiles=no')).parameters.p_esc).toBeCloseTo(0.09 / 0.65, 12);
    expect(
      (await ev('--observe', 'missiles', '--observe', 'missiles')).parameters.p_esc,
    ).toBeCloseTo(0.84, 12);
    expect((await ev('--set', 'p_esc=0.5', '--observe', 'missiles')).parameters.p_esc).toBeCloseTo(
      0.35 / 0.45,
      12,
    );
  });

  it('sensitivity and simulate accept it', async () => {
    const s = await cli('sensitivity', file, '--observe', 'missiles', '--format', 'json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).choice).toBe('firm');
    const m = await cli(
      'simulate',
      file,
      '--iterations',
      '10',
      '--observe',
      'missiles=no',
      '--format',
      'json',
    );
    expect(m.code).toBe(0);
  });

  it('an unknown indicator is exit 1 naming the known ones', async () => {
    const r = await cli('evaluate', file, '--observe', 'tanks');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "cannot observe 'tanks': no such indicator; indicators are missiles, rhetoric",
    );
  });
});
