import express, { Router, type Request, type Response } from 'express';
import { authorOf } from './author';
import { errorBody, errorsBody } from './error-body';
import { HttpError } from './http-error';
import { ScenarioSource } from './scenario-source';
import { findScenario } from './find-scenario';
import type { ScenarioStore } from './scenario-store';

/** Largest scenario text accepted by a save. */
export const MAX_SOURCE = '2mb';

/**
 * Reading and writing a scenario's YAML (FORMAT.md section 5, writes): GET gives the text and its
 * ETag; PUT replaces it only with `If-Match` naming the current version (428 without, 409 when
 * the file changed meanwhile) and only with a valid scenario (422 otherwise). Nothing is written
 * in any refused case. Bodies must be YAML or JSON, which a cross-site form cannot send.
 */
export function sourceRoutes(store: ScenarioStore, source = new ScenarioSource(store)): Router {
  const router = Router();
  const yamlBody = express.text({
    type: ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/x-yaml'],
    limit: MAX_SOURCE,
  });
  const jsonBody = express.json({ limit: MAX_SOURCE });

  router.get('/scenarios/:id/source', async (req, res) => {
    const file = await fileOf(store, req, res);
    if (!file) return;
    const { text, etag } = await source.read(file);
    res.set('ETag', etag).type('text/yaml').send(text);
  });

  router.put('/scenarios/:id/source', yamlBody, jsonBody, async (req, res) => {
    const found = await findScenario(store, req, res);
    if (!found) return;
    if (found.variantOf !== null) {
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `'${found.id}' is a variant, not a scenario: its source is not replaced here. Save its values as a new variant (POST /api/scenarios/${found.variantOf}/variants) and delete this one, or edit the scenario '${found.variantOf}'.`,
        'id',
      );
    }
    const file = await store.fileOf(found.id);
    if (!file) throw new HttpError(404, 'NOT_FOUND', `no scenario with id '${found.id}'`, 'id');
    const text = bodyText(req.body);
    if (text === undefined) {
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'send the YAML as text/yaml, or as JSON {"yaml": "..."}',
        'body',
      );
    }
    const basedOn = req.get('If-Match');
    if (!basedOn) {
      throw new HttpError(
        428,
        'PRECONDITION_REQUIRED',
        'send If-Match with the ETag of the version you edited, so a newer version is never overwritten',
        'If-Match',
      );
    }
    const result = await source.save(file, text, basedOn, { author: authorOf(res) });
    switch (result.status) {
      case 'saved':
        res.set('ETag', result.etag).json({ etag: result.etag });
        return;
      case 'conflict':
        res.status(409).json({
          ...errorBody(
            'CONFLICT',
            'the file changed since you loaded it; nothing was written. Compare both versions and save again based on the current one.',
            'If-Match',
          ),
          current: { etag: result.current.etag, yaml: result.current.text },
          yours: { yaml: text },
        });
        return;
      case 'invalid':
        res.status(422).json(errorsBody(result.errors));
        return;
      default:
        return result satisfies never;
    }
  });

  return router;
}

function bodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (
    body !== null &&
    typeof body === 'object' &&
    typeof (body as { yaml?: unknown }).yaml === 'string'
  ) {
    return (body as { yaml: string }).yaml;
  }
  return undefined;
}

/** The file behind `:id`, answering 400 or 404 itself when there is none. */
async function fileOf(
  store: ScenarioStore,
  req: Request,
  res: Response,
): Promise<string | undefined> {
  const found = await findScenario(store, req, res);
  return found && store.fileOf(found.id);
}
