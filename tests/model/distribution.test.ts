import { parseDistribution, type Distribution } from '../../src/model/distribution';

function parsed(text: string): Distribution {
  const result = parseDistribution(text);
  if (!result.ok) throw new Error(`'${text}' should parse: ${result.message}`);
  return result.value;
}

function messageOf(text: string): string {
  let result: ReturnType<typeof parseDistribution> | undefined;
  expect(() => {
    result = parseDistribution(text);
  }).not.toThrow();
  if (!result) throw new Error('parseDistribution returned nothing');
  if (result.ok)
    throw new Error(`'${text}' should be rejected, got ${JSON.stringify(result.value)}`);
  return result.message;
}

describe('parseDistribution', () => {
  it.each<[string, Distribution]>([
    ['beta(4, 6)', { name: 'beta', a: 4, b: 6 }],
    ['uniform(0, 1)', { name: 'uniform', lo: 0, hi: 1 }],
    ['triangular(0, 0.5, 1)', { name: 'triangular', lo: 0, mode: 0.5, hi: 1 }],
    ['pert(1, 2, 4)', { name: 'pert', lo: 1, mode: 2, hi: 4 }],
    ['normal(0, 1)', { name: 'normal', mean: 0, sd: 1 }],
    ['lognormal(0, 0.5)', { name: 'lognormal', mu: 0, sigma: 0.5 }],
    ['fixed(3)', { name: 'fixed', x: 3 }],
  ])('reads %s', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each<[string, Distribution]>([
    ['  beta( 2 ,3 )  ', { name: 'beta', a: 2, b: 3 }],
    ['uniform(-1.5e-3, .5)', { name: 'uniform', lo: -0.0015, hi: 0.5 }],
    ['normal(+2, 1E2)', { name: 'normal', mean: 2, sd: 100 }],
    ['fixed(-7)', { name: 'fixed', x: -7 }],
    ['triangular(0, 0, 1)', { name: 'triangular', lo: 0, mode: 0, hi: 1 }],
    ['pert(0, 1, 1)', { name: 'pert', lo: 0, mode: 1, hi: 1 }],
    ['normal(-3, 0.1)', { name: 'normal', mean: -3, sd: 0.1 }],
  ])('reads numbers in every usual notation: %s', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each([
    ['beta(0, -1)', 'beta', '> 0'],
    ['beta(1, 0)', 'beta', '> 0'],
    ['uniform(1, 1)', 'uniform', 'lo'],
    ['uniform(2, 1)', 'uniform', 'lo'],
    ['triangular(0, 2, 1)', 'triangular', 'mode'],
    ['triangular(1, 1, 1)', 'triangular', 'mode'],
    ['pert(0, -1, 1)', 'pert', 'mode'],
    ['normal(0, 0)', 'normal', 'sd'],
    ['normal(0, -1)', 'normal', 'sd'],
    ['lognormal(0, -1)', 'lognormal', 'sigma'],
  ])('rejects invalid arguments in %s', (text, name, why) => {
    const message = messageOf(text);
    expect(message).toContain(name);
    expect(message).toContain(why);
  });

  it.each([
    ['beta(1)', 'beta(a, b)'],
    ['beta(1, 2, 3)', 'beta(a, b)'],
    ['triangular(0, 1)', 'triangular(lo, mode, hi)'],
    ['fixed()', 'fixed(x)'],
    ['normal(a, b)', 'normal(mean, sd)'],
    ['uniform(0, 1/2)', 'uniform(lo, hi)'],
    ['beta(1,, 2)', 'beta(a, b)'],
  ])('rejects the wrong arguments in %s and shows the signature', (text, signature) => {
    expect(messageOf(text)).toContain(signature);
  });

  it.each(['gamma(2, 1)', 'poisson(3)', 'exponential(1)'])(
    'rejects the unknown distribution %s and lists the known ones',
    (text) => {
      const message = messageOf(text);
      expect(message).toContain(text.slice(0, text.indexOf('(')));
      expect(message).toContain('beta(a, b)');
      expect(message).toContain('lognormal(mu, sigma)');
    },
  );

  it.each(['beta 4 6', 'beta(4, 6', 'beta(4, (6))', '', '4', 'Beta(4, 6)', 'beta(4, 6) + 1'])(
    'rejects the unreadable %j',
    (text) => {
      expect(messageOf(text)).toContain(text);
    },
  );

  it.each(['constructor(1)', 'constructor(1, 2)', 'tostring(1)'])(
    'does not take the built-in object property %s for a distribution',
    (text) => {
      expect(messageOf(text)).toContain(text.slice(0, text.indexOf('(')));
    },
  );

  it.each(['uniform(0, 1e999)', 'normal(0, 1e400)', 'fixed(-1e309)'])(
    'rejects the argument that is not a finite number in %s',
    (text) => {
      expect(messageOf(text)).toContain(text.slice(0, text.indexOf('(')));
    },
  );
});
