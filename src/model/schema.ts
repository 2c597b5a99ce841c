import { z } from 'zod';

/**
 * The zod schema of a scenario file as written: the single source of truth for its shape.
 * It checks structure (keys, types, simple bounds); the resolver checks what needs the whole
 * document (ids, references, subtrees, probabilities).
 */

/** `[a-z0-9][a-z0-9_-]*`: the ids of nodes, criteria and sources. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
/** Parameter names are identifiers, so they can appear in expressions. */
export const PARAMETER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const id = z.string().regex(ID_PATTERN, {
  error:
    'expected an id of lower-case letters, digits, "-" and "_", starting with a letter or digit',
});

/** A number or a math.js expression over parameter names. */
export const NumberOrExpressionSchema = z.union([z.number(), z.string()], {
  error: 'expected a number or an expression',
});

export const SourceSchema = z.strictObject({
  id,
  title: z.string(),
  publisher: z.string().optional(),
  author: z.string().optional(),
  date: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  note: z.string().optional(),
});

const finiteRange = z.tuple([z.number(), z.number()], {
  error: 'expected a range [low, high] of two numbers',
});

export const CriterionSchema = z.strictObject({
  id,
  label: z.string().optional(),
  weight: z.number().nonnegative({ error: 'a weight must be >= 0' }).optional(),
  weight_range: finiteRange.optional(),
  /** Drawn in Monte Carlo like a parameter's distribution (section 4). */
  weight_distribution: z.string().optional(),
  direction: z.enum(['max', 'min'], { error: 'expected "max" or "min"' }).optional(),
  unit: z.string().optional(),
  note: z.string().optional(),
});

export const ParameterLongSchema = z.strictObject({
  value: NumberOrExpressionSchema,
  confidence: z
    .enum(['low', 'moderate', 'high'], { error: 'expected "low", "moderate" or "high"' })
    .optional(),
  range: finiteRange.optional(),
  distribution: z.string().optional(),
  label: z.string().optional(),
  unit: z.string().optional(),
  source: z.string().optional(),
  note: z.string().optional(),
});

export const ParameterSchema = z.union([z.number(), z.string(), ParameterLongSchema]);

/** A number or expression (single-criterion scenarios only) or a mapping criterion id -> amount. */
export const PayoffSchema = z.union(
  [z.number(), z.string(), z.record(z.string(), NumberOrExpressionSchema)],
  {
    error: 'expected a number, an expression, or a mapping of criterion id -> number or expression',
  },
);

/**
 * A node as written. Nodes are checked one at a time as the resolver reaches them, with their
 * children left as unknown: a 100k-node tree is never copied whole. Which keys suit which `type`
 * is checked by the resolver too, with clearer messages.
 */
export const NodeSchema = z.strictObject({
  type: z
    .enum(['decision', 'chance', 'outcome'], {
      error: 'expected "decision", "chance" or "outcome"',
    })
    .optional(),
  label: z.string().optional(),
  id: id.optional(),
  payoff: PayoffSchema.optional(),
  note: z.string().optional(),
  source: z.string().optional(),
  probability: NumberOrExpressionSchema.optional(),
  options: z
    .array(z.unknown())
    .min(1, { error: 'a decision needs at least one option' })
    .optional(),
  branches: z
    .array(z.unknown())
    .min(1, { error: 'a chance node needs at least one branch' })
    .optional(),
  use: z.string().optional(),
});

export type RawNode = z.infer<typeof NodeSchema>;

/** Keys of `while`/`given`: parameter names or `weight.<criterion id>`. */
const ExpectationPointSchema = z.record(z.string(), NumberOrExpressionSchema);

/** One decision regression check (FORMAT.md section 7). */
export const ExpectationSchema = z
  .strictObject({
    best: id.optional(),
    margin: z.number().nonnegative({ error: 'a margin must be >= 0' }).optional(),
    while: z
      .record(
        z.string(),
        z.tuple([z.number(), z.number()], {
          error: 'expected an interval [low, high] of two numbers',
        }),
      )
      .optional(),
    given: ExpectationPointSchema.optional(),
    note: z.string().optional(),
  })
  .refine((e) => e.best !== undefined || e.margin !== undefined, {
    error: 'an expectation states best: OPTION, margin: NUMBER, or both',
  });

/** A signpost an analyst watches, and how seeing it moves a probability (section 9). */
export const IndicatorSchema = z.strictObject({
  id,
  label: z.string().optional(),
  updates: z.string({ error: 'name the probability parameter this indicator updates' }),
  if_true: z.number({ error: 'expected P(seen | the event happens), a number in [0, 1]' }),
  if_false: z.number({ error: 'expected P(seen | it does not), a number in [0, 1]' }),
  note: z.string().optional(),
  source: z.string().optional(),
});

const ImportsSchema = z.array(z.string(), {
  error: 'expected a list of library files, such as - ../libraries/russia.yaml',
});

export const ScenarioSchema = z.strictObject({
  title: z.string({ error: 'expected a title (a string)' }),
  description: z.string().optional(),
  imports: ImportsSchema.optional(),
  sources: z.array(SourceSchema).optional(),
  criteria: z.array(CriterionSchema).min(1, { error: 'list at least one criterion' }).optional(),
  parameters: z.record(z.string(), ParameterSchema).optional(),
  indicators: z.array(IndicatorSchema).optional(),
  expect: z.array(ExpectationSchema).optional(),
  /** Subtree bodies and the root are nodes, checked by `NodeSchema` when resolved. */
  subtrees: z.record(z.string(), z.unknown()).optional(),
  root: z.unknown().refine((v) => v !== undefined, { error: 'a scenario needs a root node' }),
});

export type RawScenario = z.infer<typeof ScenarioSchema>;
export type RawExpectation = z.infer<typeof ExpectationSchema>;
export type RawIndicator = z.infer<typeof IndicatorSchema>;

/** A shared parameter library (section 8): parameters and sources, no tree. */
export const LibrarySchema = z.strictObject({
  title: z.string().optional(),
  description: z.string().optional(),
  imports: ImportsSchema.optional(),
  sources: z.array(SourceSchema).optional(),
  parameters: z.record(z.string(), ParameterSchema).optional(),
});

export type RawLibrary = z.infer<typeof LibrarySchema>;
export type RawSource = z.infer<typeof SourceSchema>;
export type RawCriterion = z.infer<typeof CriterionSchema>;
export type RawParameter = z.infer<typeof ParameterSchema>;
export type RawPayoff = z.infer<typeof PayoffSchema>;

/**
 * A variant: a small overlay file that names its scenario (`extends`, a path relative to the
 * variant) and the values it changes, never touching the scenario itself.
 */
export const VariantSchema = z.strictObject({
  extends: z.string({ error: 'a variant names its scenario file with extends: ../name.yaml' }),
  title: z.string().optional(),
  description: z.string().optional(),
  set: z.record(z.string(), NumberOrExpressionSchema).optional(),
  weight: z
    .record(z.string(), z.number().nonnegative({ error: 'a weight must be >= 0' }))
    .optional(),
  probability: z.record(z.string(), z.number()).optional(),
});

export type RawVariant = z.infer<typeof VariantSchema>;

/** An analyst's assessment (section 10): their values for some parameters, with reasons. */
export const AssessmentSchema = z.strictObject({
  assesses: z.string({
    error: 'an assessment names its scenario file with assesses: ../name.yaml',
  }),
  analyst: z.string({ error: 'an assessment names its analyst: analyst: NAME' }),
  date: z.union([z.string(), z.number()]).optional(),
  set: z.record(z.string(), NumberOrExpressionSchema).optional(),
  weight: z
    .record(z.string(), z.number().nonnegative({ error: 'a weight must be >= 0' }))
    .optional(),
  rationale: z.record(z.string(), z.string()).optional(),
});

export type RawAssessment = z.infer<typeof AssessmentSchema>;
