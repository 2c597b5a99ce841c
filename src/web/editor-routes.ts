import express, { Router, type Response } from 'express';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { evaluateDocumentTree, openScenario } from '../document';
import { formatDiagnostic } from '../load';
import { diagnostic, toJson, type Diagnostic } from '../model/diagnostic';
import { slug } from '../model/slug';
import { layoutTree } from '../report/tree-layout';
import { renderTreeSvg } from '../report/tree-svg';
import { createFileExclusive, type WriteSteps } from './atomic-write';
import { storageFailure } from './write-errors';
import { errorBody } from './error-body';
import { etagOf, type ScenarioSource } from './scenario-source';
import { SCENARIO_ID, VARIANT_SEPARATOR, type ScenarioStore } from './scenario-store';
import { MAX_SOURCE } from './source-routes';

/**
 * Editing in the browser: an editor page for a scenario's YAML that works as a plain form
 * without JavaScript (and validates as you type with it), creating a scenario from a template,
 * duplicating one, and restoring a kept earlier version. Every save goes through the same safe
 * path as the API: validated, based on the version loaded, atomic, with a backup. Nothing the
 * analyst typed is lost: a refused save shows the text again with the reasons.
 */
export function editorRoutes(
  store: ScenarioStore,
  source: ScenarioSource,
  dir: string,
  steps: Partial<WriteSteps> = {},
): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: MAX_SOURCE });
  const json = express.json({ limit: MAX_SOURCE });

  router.post('/api/validate', json, (req, res) => {
    const yaml = (req.body as { yaml?: unknown } | undefined)?.yaml;
    if (typeof yaml !== 'string') {
      res.status(400).json(errorBody('BAD_REQUEST', 'send {"yaml": "..."}', 'yaml'));
      return;
    }
    res.json(check(yaml));
  });

  router.get('/scenarios/:id/edit', async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const { text, etag } = await source.read(found.file);
    await renderEditor(res, source, found, { yaml: text, etag, errors: [], conflict: null });
  });

  router.post('/scenarios/:id/edit', form, async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const body = req.body as { yaml?: unknown; etag?: unknown };
    const yaml = typeof body.yaml === 'string' ? body.yaml.replace(/\r\n/g, '\n') : '';
    const etag = typeof body.etag === 'string' ? body.etag : '';
    let result;
    try {
      result = await source.save(found.file, yaml, etag);
    } catch (e) {
      const failure = storageFailure(e);
      if (!failure) throw e;
      // What the analyst typed stays on screen, with the reason it could not be saved.
      res.status(failure.status);
      const error = diagnostic('INTERNAL_ERROR', failure.message, undefined);
      await renderEditor(res, source, found, { yaml, etag, errors: [error], conflict: null });
      return;
    }
    if (result.status === 'saved') {
      res.redirect(303, `/scenarios/${found.id}`);
      return;
    }
    if (result.status === 'invalid') {
      res.status(422);
      await renderEditor(res, source, found, { yaml, etag, errors: result.errors, conflict: null });
      return;
    }
    res.status(409);
    await renderEditor(res, source, found, {
      yaml,
      etag: result.current.etag,
      errors: [],
      conflict: result.current.text,
    });
  });

  router.post('/scenarios/:id/restore', form, async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const body = req.body as { backup?: unknown; etag?: unknown };
    const text =
      typeof body.backup === 'string'
        ? await source.readBackup(found.file, body.backup)
        : undefined;
    if (text === undefined) {
      res.status(404).render('error', {
        title: 'Not found',
        message: 'That earlier version is no longer kept.',
        errors: [],
      });
      return;
    }
    const result = await source.save(
      found.file,
      text,
      typeof body.etag === 'string' ? body.etag : '',
    );
    if (result.status === 'saved') {
      res.redirect(303, `/scenarios/${found.id}/edit`);
      return;
    }
    const current = await source.read(found.file);
    res.status(result.status === 'invalid' ? 422 : 409);
    await renderEditor(res, source, found, {
      yaml: text,
      etag: current.etag,
      errors: result.status === 'invalid' ? result.errors : [],
      conflict: result.status === 'conflict' ? result.current.text : null,
    });
  });

  router.get('/new', (_req, res) => {
    res.render('new', { title: 'New scenario', error: null, name: '', from: null });
  });

  router.post('/new', form, async (req, res) => {
    const name = textField(req.body, 'name');
    const created = await create(dir, name, template(name), steps);
    if ('error' in created) {
      res
        .status(created.status)
        .render('new', { title: 'New scenario', error: created.error, name, from: null });
      return;
    }
    res.redirect(303, `/scenarios/${created.id}/edit`);
  });

  router.post('/scenarios/:id/duplicate', form, async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const name = textField(req.body, 'name') || `${found.id} copy`;
    const created = await create(dir, name, await readFile(found.file, 'utf8'), steps);
    if ('error' in created) {
      res
        .status(created.status)
        .render('new', { title: 'Duplicate scenario', error: created.error, name, from: found.id });
      return;
    }
    res.redirect(303, `/scenarios/${created.id}/edit`);
  });

  return router;
}

/** A form field as trimmed text ('' when absent or not text). */
function textField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Validation of a text being edited: its errors, and the tree when it is valid. */
function check(yaml: string): {
  valid: boolean;
  errors: ReturnType<typeof toJson>[];
  preview: string | null;
} {
  const doc = openScenario(yaml, 'edited.yaml');
  if (!doc.ok) return { valid: false, errors: doc.errors.map(toJson), preview: null };
  const result = evaluateDocumentTree(doc);
  const preview = result.ok
    ? renderTreeSvg(layoutTree(result.value.tree, (x) => x.toFixed(2)))
    : null;
  return { valid: true, errors: [], preview };
}

interface Found {
  id: string;
  file: string;
}

async function file(store: ScenarioStore, raw: string, res: Response): Promise<Found | undefined> {
  const id = raw.toLowerCase();
  if (SCENARIO_ID.test(id) && id.includes(VARIANT_SEPARATOR) && (await store.get(id))?.variantOf) {
    res.status(400).render('error', {
      title: 'A variant is not edited here',
      message: `'${id}' is a variant: a set of values over its scenario, saved from the scenario's page. Open it, change the values and save them as a new variant; its scenario's YAML can be edited here.`,
      errors: [],
    });
    return undefined;
  }
  const path = SCENARIO_ID.test(id) ? await store.fileOf(id) : undefined;
  if (!path) {
    res.status(SCENARIO_ID.test(id) ? 404 : 400).render('error', {
      title: 'Not found',
      message: `There is no scenario '${raw}'.`,
      errors: [],
    });
    return undefined;
  }
  return { id, file: path };
}

async function renderEditor(
  res: Response,
  source: ScenarioSource,
  found: Found,
  state: { yaml: string; etag: string; errors: Diagnostic[]; conflict: string | null },
): Promise<void> {
  const checked = check(state.yaml);
  res.render('edit', {
    title: `Edit ${found.id}`,
    id: found.id,
    file: basename(found.file),
    yaml: state.yaml,
    etag: state.etag,
    errors: state.errors.map((e) => ({
      line: e.line,
      column: e.column,
      text: formatDiagnostic({ ...e, file: null }),
    })),
    conflict: state.conflict,
    conflictEtag: state.conflict === null ? null : etagOf(state.conflict),
    backups: (await source.backups(found.file))
      .slice(0, 10)
      .map((name) => ({ name, when: backupTime(name) })),
    preview: checked.preview,
  });
}

/** `2026-11-25T20-31-02-123Z-abcd1234.yaml` -> `2026-11-25 20:31:02 UTC`. */
function backupTime(name: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(name);
  return m ? `${m[1]} ${m[2]}:${m[3]}:${m[4]} UTC` : name;
}

/**
 * Creates `NAME.yaml` in the served folder from `text`, only if no file (nor link) has that
 * name: of parallel requests for one name exactly one succeeds, and nothing is written through
 * a link.
 */
async function create(
  dir: string,
  name: string,
  text: string,
  steps: Partial<WriteSteps>,
): Promise<{ id: string } | { error: string; status: number }> {
  const id = slug(name);
  if (id === '')
    return { error: 'Give the scenario a name with some letters or digits.', status: 400 };
  if (!(await createFileExclusive(join(dir, `${id}.yaml`), text, steps)))
    return { error: `A scenario '${id}' exists already; choose another name.`, status: 409 };
  return { id };
}

/** A small valid scenario to start from: every key an analyst needs, each with a placeholder. */
export function template(title: string): string {
  const quoted = JSON.stringify(title || 'New scenario');
  return `title: ${quoted}
description: |
  **Question.** What decision is being made, by whom?
  **Time horizon.** Over what period are outcomes judged?
  **Out of scope.** What this model deliberately leaves out.
sources:
  - id: analyst
    title: Analyst judgement
criteria:
  - id: value
    label: Overall value
    weight: 1
    direction: max
parameters:
  p_success:
    value: 0.5
    range: [0.3, 0.7]
    distribution: beta(5, 5)
    label: Probability that the bold option succeeds
    source: analyst
    note: Why this number; who said it.
root:
  type: decision
  label: What do we do?
  options:
    - label: Bold option
      type: chance
      branches:
        - label: It succeeds
          probability: p_success
          type: outcome
          payoff: 10
        - label: It fails
          probability: "#"
          type: outcome
          payoff: -5
    - label: Cautious option
      type: outcome
      payoff: 2
`;
}
