import { lstat, mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Router } from 'express';
import { stringify } from 'yaml';
import { z } from 'zod';
import { evaluateDocument } from '../document';
import { slug } from '../model/slug';
import { createFileExclusive, type WriteSteps } from './atomic-write';
import { errorBody, errorsBody } from './error-body';
import { protoKeyIn } from './reserved-keys';
import { SCENARIO_ID, VARIANT_SEPARATOR, type ScenarioStore } from './scenario-store';

const VariantBody = z.strictObject({
  name: z.string().min(1).max(80),
  title: z.string().max(200).optional(),
  set: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  weight: z.record(z.string(), z.number()).optional(),
  probability: z.record(z.string(), z.number()).optional(),
});

/**
 * Saved variants (FORMAT.md section 5): `POST /api/scenarios/:id/variants` stores a set of
 * overrides as `NAME.variants/VARIANT.yaml` beside the scenario, which is never modified;
 * `DELETE /api/scenarios/:variant` removes a variant. Both need a JSON body or none, which a
 * cross-site form cannot send.
 */
export function variantRoutes(store: ScenarioStore, steps: Partial<WriteSteps> = {}): Router {
  const router = Router();

  router.post('/scenarios/:id/variants', async (req, res) => {
    const id = String(req.params.id).toLowerCase();
    const found = SCENARIO_ID.test(id) ? await store.get(id) : undefined;
    if (!found || found.variantOf !== null) {
      res
        .status(found ? 400 : 404)
        .json(
          errorBody(
            found ? 'BAD_REQUEST' : 'NOT_FOUND',
            found
              ? 'a variant is made from a scenario, not from another variant'
              : `no scenario with id '${id}'`,
            'id',
          ),
        );
      return;
    }
    if (!req.is('application/json')) {
      res
        .status(400)
        .json(
          errorBody(
            'BAD_REQUEST',
            'send the variant as JSON: {"name", "set", "weight", "probability"}',
            'body',
          ),
        );
      return;
    }
    const proto = protoKeyIn(req.body);
    if (proto) {
      res
        .status(422)
        .json(
          errorBody(
            'BAD_OVERRIDE',
            `${proto}: '__proto__' names no parameter, criterion or branch`,
            `${proto}.__proto__`,
          ),
        );
      return;
    }
    const body = VariantBody.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0]!;
      res
        .status(400)
        .json(
          errorBody(
            'BAD_REQUEST',
            `${issue.path.join('.') || 'body'}: ${issue.message}`,
            issue.path.join('.') || 'body',
          ),
        );
      return;
    }
    const name = slug(body.data.name);
    if (name === '') {
      res
        .status(400)
        .json(
          errorBody('BAD_REQUEST', 'give the variant a name with some letters or digits', 'name'),
        );
      return;
    }
    const overrides = {
      set: body.data.set ?? {},
      weight: body.data.weight ?? {},
      probability: body.data.probability ?? {},
    };
    const checked = evaluateDocument(found.doc, overrides);
    if (!checked.ok) {
      res.status(422).json(errorsBody(store.relativeErrors(checked.errors)));
      return;
    }
    const folder = store.variantsFolder(id);
    const file = join(folder, `${name}.yaml`);
    const existing = await lstat(folder).then(
      (s) => s,
      () => undefined,
    );
    if (existing && !existing.isDirectory()) {
      res
        .status(409)
        .json(
          errorBody(
            'CONFLICT',
            `${basename(folder)} is not a folder of this server's; variants cannot be saved there`,
            'name',
          ),
        );
      return;
    }
    await mkdir(folder, { recursive: true });
    const overlay = {
      extends: `../${basename(found.doc.file)}`,
      title: body.data.title ?? body.data.name,
      ...(Object.keys(overrides.set).length > 0 && { set: overrides.set }),
      ...(Object.keys(overrides.weight).length > 0 && { weight: overrides.weight }),
      ...(Object.keys(overrides.probability).length > 0 && { probability: overrides.probability }),
    };
    const header = `# A variant of ${basename(found.doc.file)}: these values replace the scenario's; the scenario file itself is unchanged.\n`;
    // Created only if the name is free, in one step: of parallel saves under one name, one wins.
    if (!(await createFileExclusive(file, header + stringify(overlay), steps))) {
      res
        .status(409)
        .json(
          errorBody(
            'CONFLICT',
            `a variant named '${name}' already exists; choose another name or delete it first`,
            'name',
          ),
        );
      return;
    }
    const variantId = `${id}${VARIANT_SEPARATOR}${name}`;
    res.status(201).location(`/scenarios/${variantId}`).json({ id: variantId });
  });

  router.delete('/scenarios/:id', async (req, res) => {
    const id = String(req.params.id).toLowerCase();
    const found = SCENARIO_ID.test(id) ? await store.get(id) : undefined;
    if (!found) {
      res.status(404).json(errorBody('NOT_FOUND', `no variant with id '${id}'`, 'id'));
      return;
    }
    if (found.variantOf === null) {
      res
        .status(400)
        .json(
          errorBody(
            'BAD_REQUEST',
            'only variants can be deleted here; a scenario file is yours to manage',
            'id',
          ),
        );
      return;
    }
    const file = await store.fileOf(id);
    if (file) await rm(file);
    res.status(204).end();
  });

  return router;
}
