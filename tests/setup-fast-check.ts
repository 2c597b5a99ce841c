import fc from 'fast-check';

// Property tests use one fixed seed, locally and in CI, so that a run never fails on a case
// nobody has seen before. FC_SEED=<n> replays a reported failure; FC_SEED=random explores fresh
// cases (fast-check prints the seed of a failing run, to replay it with FC_SEED).
const DEFAULT_SEED = 20261125;
const wanted = process.env.FC_SEED;
if (wanted !== 'random') {
  const seed = wanted === undefined || wanted === '' ? DEFAULT_SEED : Number(wanted);
  if (!Number.isInteger(seed))
    throw new Error(`FC_SEED must be a whole number or 'random', got '${wanted}'`);
  fc.configureGlobal({ seed });
}
