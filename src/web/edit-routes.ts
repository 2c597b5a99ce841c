import type { Router } from 'express';
import { openScenarioText } from '../document';
import { diagnostic } from '../model/diagnostic';
import { authorOf } from './author';
import { checkEdit } from './check-edit';
import type { EditorContext } from './editor-context';
import { findEditable } from './find-editable';
import { field } from './form-field';
import { HttpError } from './http-error';
import { renderEditor } from './render-editor';
import { SCENARIO_ID } from './scenario-store';
import { storageFailure } from './write-errors';

/** A version named in a URL: a commit's hash or the start of an ETag, hex digits only. */
const VERSION = /^[0-9a-f]{7,40}$/;

/** Validation while typing, the editor page, and saving from it. */
export function editRoutes(router: Router, ctx: EditorContext): void {
  const { store, source, form, json, relative } = ctx;

  router.post('/api/validate', json, async (req, res) => {
    const body = req.body as { yaml?: unknown; id?: unknown } | undefined;
    const yaml = body?.yaml;
    if (typeof yaml !== 'string')
      throw new HttpError(400, 'BAD_REQUEST', 'send {"yaml": "..."}', 'yaml');
    const id = typeof body?.id === 'string' ? body.id.toLowerCase() : '';
    const file = SCENARIO_ID.test(id) ? await store.fileOf(id) : undefined;
    res.json(await checkEdit(yaml, file, store.dir, relative));
  });

  router.get('/scenarios/:id/edit', async (req, res) => {
    const found = await findEditable(store, String(req.params.id), res);
    if (!found) return;
    const { text, etag } = await source.read(found.file);
    const doc = await openScenarioText(text, found.file, { folder: store.dir });
    const savedAs = typeof req.query.saved === 'string' ? req.query.saved : '';
    await renderEditor(ctx, res, found, {
      yaml: text,
      etag,
      base: text,
      // "Fix it" opens here: the file's own problems are listed at once.
      errors: doc.ok ? [] : doc.errors,
      notice: VERSION.test(savedAs) ? { kind: 'saved', version: savedAs } : null,
    });
  });

  router.post('/scenarios/:id/edit', form, async (req, res) => {
    const found = await findEditable(store, String(req.params.id), res);
    if (!found) return;
    const yaml = field(req.body, 'yaml');
    const etag = field(req.body, 'etag');
    const base = field(req.body, 'base');
    let result;
    try {
      result = await source.save(found.file, yaml, etag, { author: authorOf(res) });
    } catch (e) {
      const failure = storageFailure(e) ?? gitFailure(e);
      if (!failure) throw e;
      // What the analyst typed stays on screen, with the reason it could not be saved.
      res.status(failure.status);
      const error = diagnostic('INTERNAL_ERROR', failure.message, undefined);
      await renderEditor(ctx, res, found, { yaml, etag, base, errors: [error] });
      return;
    }
    if (result.status === 'saved') {
      const version = result.commit?.slice(0, 12) ?? result.etag.slice(1, 13);
      res.redirect(303, `/scenarios/${found.id}/edit?saved=${version}`);
      return;
    }
    if (result.status === 'invalid') {
      res.status(422);
      await renderEditor(ctx, res, found, { yaml, etag, base, errors: result.errors });
      return;
    }
    res.status(409);
    await renderEditor(ctx, res, found, {
      yaml,
      etag,
      base,
      errors: [],
      conflict: { theirs: result.current.text, etag: result.current.etag },
    });
  });
}

/** A failed commit (git refused): the file was written, and the answer says so. */
function gitFailure(e: unknown): { status: number; message: string } | undefined {
  return e instanceof Error && e.name === 'GitFailed'
    ? {
        status: 500,
        message: `the file was saved, but git could not record the commit (${e.message}); commit it by hand.`,
      }
    : undefined;
}
