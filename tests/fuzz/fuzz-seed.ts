// The campaign's seed: given (`--seed`, or TANDEM_FUZZ_SEED in CI), or new each run and printed.

/** A 31-bit seed from `given`, or a new one when nothing is given. */
export function fuzzSeed(given: string | undefined = process.env.TANDEM_FUZZ_SEED): number {
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0x7fffffff) throw new Error(`the fuzz seed must be a whole number from 0 to ${0x7fffffff}, not "${given}"`);
    return seed;
  }
  return Math.floor(Math.random() * 0x7fffffff);
}
