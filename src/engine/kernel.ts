/** What `simulate` asks of the rollback of a block of iterations (simulate-kernel.ts). */
export interface Kernel {
  /**
   * Rolls back iterations [start, end), whose sampled values are `draws[s * stride + t]`, and
   * writes option scores and criteria as `simulate` lays them out. Returns the iterations found
   * invalid (their outputs are left unwritten).
   */
  run(
    start: number,
    end: number,
    draws: Float64Array,
    stride: number,
    scores: Float64Array,
    criteria: Float64Array,
  ): number[];
}

/**
 * How the kernel runs: code generated for the tree where it is small enough (`auto`), or loops
 * over columns. Tests ask for each to compare them.
 */
export type KernelBackend = 'auto' | 'columns' | 'generated';
