import { basename, join } from 'node:path';
import { Router, type Request } from 'express';
import { readFile } from 'node:fs/promises';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { evaluateDocument } from '../document';
import {
  ASSESSMENT_SEPARATOR,
  VARIANT_SEPARATOR,
  type ScenarioFolder,
  type StoredScenario,
} from '../folder/scenario-folder';
import { slug } from '../model/slug';
import { HttpError } from './http-error';
import { protoKeyIn } from './reserved-keys';
import { scenarioOf, scenarioParam } from './scenario-param';

const Values = {
  set: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  weight: z.record(z.string(), z.number()).optional(),
};

const VariantBody = z.strictObject({
  name: z.string().min(1).max(80),
  title: z.string().max(200).optional(),
  ...Values,
  probability: z.record(z.string(), z.number()).optional(),
});

const RenameBody = z.strictObject({ title: z.string().trim().min(1).max(200) });

/** An analyst's own assessment (FORMAT.md section 10): their name, values and reasons. */
const AssessmentBody = z.strictObject({
  analyst: z.string().trim().min(1).max(80),
  ...Values,
  rationale: z.record(z.string(), z.string().max(2000)).optional(),
});

/**
 * Saved variants (FORMAT.md section 5) and assessments (section 10):
 * `POST /api/scenarios/:id/variants` stores a set of overrides as `NAME.variants/VARIANT.yaml`
 * beside the scenario, which is never modified; `POST /api/scenarios/:id/assessments` stores an
 * analyst's values and reasons as `NAME.assessments/ANALYST.yaml`; both are created only if the
 * name is free (409 otherwise). `DELETE /api/scenarios/:variant` removes a variant or an
 * assessment. All need a JSON body or none, which a cross-site form cannot send.
 */
export function variantRoutes(folder: ScenarioFolder): Router {
  const router = Router();
  router.param('id', scenarioParam(folder));

  router.post('/scenarios/:id/variants', async (req, res) => {
    const found = aScenario(scenarioOf(res), 'a variant');
    const body = readBody(req, VariantBody, '{"name", "set", "weight", "probability"}');
    const name = nameOf(body.name, 'variant');
    const overrides = {
      set: body.set ?? {},
      weight: body.weight ?? {},
      probability: body.probability ?? {},
    };
    const overlay = {
      extends: `../${basename(found.doc.file)}`,
      title: body.title ?? body.name,
      ...nonEmpty('set', overrides.set),
      ...nonEmpty('weight', overrides.weight),
      ...nonEmpty('probability', overrides.probability),
    };
    const header = `# A variant of ${basename(found.doc.file)}: these values replace the scenario's; the scenario file itself is unchanged.\n`;
    const id = await create(folder, found, overrides, {
      file: join(folder.variantsFolder(found.id), `${name}.yaml`),
      text: header + stringify(overlay),
      id: `${found.id}${VARIANT_SEPARATOR}${name}`,
      taken: `a variant named '${name}' already exists; choose another name or delete it first`,
    });
    res.status(201).location(`/scenarios/${id}`).json({ id });
  });

  router.post('/scenarios/:id/assessments', async (req, res) => {
    const found = aScenario(scenarioOf(res), 'an assessment');
    const body = readBody(req, AssessmentBody, '{"analyst", "set", "weight", "rationale"}');
    const id = await saveAssessment(folder, found, body);
    res
      .status(201)
      .location(`/scenarios/${found.id}/panel`)
      .json({ id, panel: `/scenarios/${found.id}/panel` });
  });

  // Renames a variant: its title changes, its file (and so its address) stays.
  router.patch('/scenarios/:id', async (req, res) => {
    const found = scenarioOf(res);
    if (found.variantOf === null || found.kind !== 'variant')
      throw new HttpError(400, 'BAD_REQUEST', 'only a variant can be renamed here', 'id');
    const body = readBody(req, RenameBody, '{"title"}');
    const file = await folder.fileOf(found.id);
    if (!file) throw new HttpError(404, 'NOT_FOUND', `no variant '${found.id}'`, 'id');
    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.set('title', body.title);
    await folder.write({ kind: 'replace', file, text: doc.toString() });
    res.json({ id: found.id, title: body.title });
  });

  router.delete('/scenarios/:id', async (_req, res) => {
    const found = scenarioOf(res);
    if (found.variantOf === null)
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'only variants and assessments can be deleted here; a scenario file is yours to manage',
        'id',
      );
    const file = await folder.fileOf(found.id);
    if (file) await folder.write({ kind: 'delete', file });
    res.status(204).end();
  });

  return router;
}

export type AssessmentInput = z.infer<typeof AssessmentBody>;

/**
 * Writes an analyst's assessment of `found` as `NAME.assessments/<slug of analyst>.yaml`, after
 * checking that its values evaluate; the id of the new assessment. Throws 400/409/422 as
 * `HttpError`s.
 */
export async function saveAssessment(
  folder: ScenarioFolder,
  found: StoredScenario,
  body: AssessmentInput,
): Promise<string> {
  const name = nameOf(body.analyst, 'assessment');
  const set = body.set ?? {};
  const rationale = Object.fromEntries(
    Object.entries(body.rationale ?? {})
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([k, v]) => v !== '' && Object.hasOwn(set, k)),
  );
  const assessment = {
    assesses: `../${basename(found.doc.file)}`,
    analyst: body.analyst,
    date: new Date().toISOString().slice(0, 10),
    ...nonEmpty('set', set),
    ...nonEmpty('weight', body.weight ?? {}),
    ...nonEmpty('rationale', rationale),
  };
  const header = `# ${body.analyst}'s assessment of ${basename(found.doc.file)}: the values this analyst would use; the scenario file itself is unchanged.\n`;
  return create(
    folder,
    found,
    { set, weight: body.weight ?? {} },
    {
      file: join(folder.assessmentsFolder(found.id), `${name}.yaml`),
      text: header + stringify(assessment),
      id: `${found.id}${ASSESSMENT_SEPARATOR}${name}`,
      taken: `an assessment by '${name}' already exists; choose another name, or delete it first`,
    },
  );
}

/** Checks the values evaluate, then creates the file only if its name is free. */
async function create(
  folder: ScenarioFolder,
  found: StoredScenario,
  overrides: Parameters<typeof evaluateDocument>[1],
  target: { file: string; text: string; id: string; taken: string },
): Promise<string> {
  const checked = evaluateDocument(found.doc, overrides);
  if (!checked.ok) {
    const errors = folder.relativeErrors(checked.errors);
    throw HttpError.invalid('these values do not evaluate', errors);
  }
  // Created only if the name is free, in one step: of parallel saves under one name, one wins.
  if (!(await folder.write({ kind: 'create', file: target.file, text: target.text })))
    throw new HttpError(409, 'CONFLICT', target.taken, 'name');
  return target.id;
}

function aScenario(found: StoredScenario, what: string): StoredScenario {
  if (found.variantOf !== null)
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `${what} is made from a scenario, not from a variant or an assessment`,
      'id',
    );
  return found;
}

function readBody<T>(req: Request, schema: z.ZodType<T>, shape: string): T {
  if (!req.is('application/json'))
    throw new HttpError(400, 'BAD_REQUEST', `send it as JSON: ${shape}`, 'body');
  const proto = protoKeyIn(req.body);
  if (proto)
    throw new HttpError(
      422,
      'BAD_OVERRIDE',
      `${proto}: '__proto__' names no parameter, criterion or branch`,
      `${proto}.__proto__`,
    );
  const body = schema.safeParse(req.body);
  if (!body.success) {
    const issue = body.error.issues[0]!;
    const where = issue.path.join('.') || 'body';
    throw new HttpError(400, 'BAD_REQUEST', `${where}: ${issue.message}`, where);
  }
  return body.data;
}

function nameOf(text: string, what: string): string {
  const name = slug(text);
  if (name === '')
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `give the ${what} a name with some letters or digits`,
      'name',
    );
  return name;
}

function nonEmpty<K extends string, V>(
  key: K,
  record: Record<string, V>,
): Record<K, typeof record> {
  return (Object.keys(record).length > 0 ? { [key]: record } : {}) as Record<K, typeof record>;
}
