/**
 * Bounds on what the loader accepts, so that a hostile or runaway file fails fast with a clear
 * message instead of exhausting memory or the stack. Documented in docs/format.md.
 */
export const LIMITS = {
  /** Largest scenario file, in bytes. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Most tree nodes after subtrees are expanded. */
  maxTreeNodes: 500_000,
  /** Deepest tree, in levels from the root, after subtrees are expanded. */
  maxTreeDepth: 150,
  /** Most YAML values (mappings, sequences and scalars) after aliases are expanded. */
  maxYamlValues: 5_000_000,
  /** Deepest nesting of YAML collections (a tree level takes two: the node and its list). */
  maxYamlDepth: 400,
  /** Most alias uses (`*name`) in a file, whatever they refer to. */
  maxAliases: 1_000,
  /**
   * Most that aliases may copy in all, in bytes: each use counts what it stands for, a string
   * by its length and any other value 8.
   */
  maxAliasExpansion: 4 * 1024 * 1024,
} as const;
