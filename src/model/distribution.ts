/**
 * The distributions a parameter can declare for Monte Carlo (FORMAT.md section 4),
 * parsed from text such as `beta(4, 6)` and checked for valid arguments.
 */
export type Distribution =
  | { name: 'beta'; a: number; b: number }
  | { name: 'uniform'; lo: number; hi: number }
  | { name: 'triangular'; lo: number; mode: number; hi: number }
  | { name: 'pert'; lo: number; mode: number; hi: number }
  | { name: 'normal'; mean: number; sd: number }
  | { name: 'lognormal'; mu: number; sigma: number }
  | { name: 'fixed'; x: number };

export type DistributionName = Distribution['name'];

const SIGNATURES: Record<DistributionName, readonly string[]> = {
  beta: ['a', 'b'],
  uniform: ['lo', 'hi'],
  triangular: ['lo', 'mode', 'hi'],
  pert: ['lo', 'mode', 'hi'],
  normal: ['mean', 'sd'],
  lognormal: ['mu', 'sigma'],
  fixed: ['x'],
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses `text`; on failure returns a message that says what was expected. */
export function parseDistribution(
  text: string,
): { ok: true; value: Distribution } | { ok: false; message: string } {
  const m = /^\s*([a-z]+)\s*\(([^()]*)\)\s*$/.exec(text);
  const known = Object.keys(SIGNATURES).map(
    (n) => `${n}(${SIGNATURES[n as DistributionName].join(', ')})`,
  );
  if (!m)
    return {
      ok: false,
      message: `cannot read distribution '${text}'; expected one of ${known.join(', ')}`,
    };
  const name = m[1]!;
  if (!Object.hasOwn(SIGNATURES, name)) {
    return {
      ok: false,
      message: `unknown distribution '${name}'; expected one of ${known.join(', ')}`,
    };
  }
  const params = SIGNATURES[name as DistributionName];
  const parts = m[2]!.split(',').map((s) => s.trim());
  if (parts.length !== params.length || parts.some((p) => !NUMBER.test(p))) {
    return {
      ok: false,
      message: `${name} takes ${params.length} number${params.length > 1 ? 's' : ''}: ${name}(${params.join(', ')})`,
    };
  }
  const args = parts.map(Number);
  const huge = parts.find((_, i) => !Number.isFinite(args[i]));
  if (huge !== undefined)
    return { ok: false, message: `${name}: argument ${huge} is not a finite number` };
  const dist = Object.fromEntries([
    ['name', name],
    ...params.map((p, i) => [p, args[i]]),
  ]) as Distribution;
  const problem = invalidArguments(dist);
  return problem ? { ok: false, message: `${text.trim()}: ${problem}` } : { ok: true, value: dist };
}

function invalidArguments(d: Distribution): string | undefined {
  switch (d.name) {
    case 'beta':
      return d.a > 0 && d.b > 0 ? undefined : 'both shape parameters must be > 0';
    case 'uniform':
      return d.lo < d.hi ? undefined : 'lo must be less than hi';
    case 'triangular':
    case 'pert':
      return d.lo < d.hi && d.lo <= d.mode && d.mode <= d.hi
        ? undefined
        : 'expected lo <= mode <= hi with lo < hi';
    case 'normal':
      return d.sd > 0 ? undefined : 'sd must be > 0';
    case 'lognormal':
      return d.sigma > 0 ? undefined : 'sigma must be > 0';
    case 'fixed':
      return undefined;
    default:
      return d satisfies never;
  }
}
