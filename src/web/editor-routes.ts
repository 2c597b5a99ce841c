import express, { Router, type Response } from 'express';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  evaluateDocumentTree,
  openScenario,
  openScenarioText,
  type ScenarioDocument,
} from '../document';
import { createMessage } from '../files/change-message';
import type { Author } from '../files/git-history';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { slug } from '../model/slug';
import { treeScore } from '../draw/tree-score';
import { layoutTree } from '../draw/tree-layout';
import { renderTreeSvg } from '../draw/tree-svg';
import { authorOf } from './author';
import { retitleCopy } from './copy-title';
import { actionableErrors, editorSymbols, type ListedError } from './editor-model';
import { errorBody } from './error-body';
import type { ScenarioSource } from './scenario-source';
import { SCENARIO_ID, VARIANT_SEPARATOR, type ScenarioStore } from './scenario-store';
import { MAX_SOURCE } from './source-routes';
import { mergeHunks, threeWay, type Choice, type Piece } from './three-way';
import { storageFailure } from './write-errors';

/** A version named in a URL: a commit's hash or the start of an ETag, hex digits only. */
const VERSION = /^[0-9a-f]{7,40}$/;
const CHOICES = new Set<string>(['yours', 'theirs', 'base', 'both']);

/**
 * Editing in the browser: an editor page for a scenario's YAML that works as a plain form
 * without JavaScript (and is a code editor with it), creating a scenario from a template,
 * duplicating one, merging with a version saved meanwhile, and the file's history. Every save
 * goes through the same safe path as the API: validated, based on the version loaded, atomic,
 * and a commit when the folder is in git (a backup otherwise). Nothing the analyst typed is
 * lost: a refused save shows the text again with the reasons.
 */
export function editorRoutes(store: ScenarioStore, source: ScenarioSource): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: MAX_SOURCE, parameterLimit: 5000 });
  const json = express.json({ limit: MAX_SOURCE });
  const history = source.history;
  const relative = (f: string) => store.relative(f);

  router.post('/api/validate', json, async (req, res) => {
    const body = req.body as { yaml?: unknown; id?: unknown } | undefined;
    const yaml = body?.yaml;
    if (typeof yaml !== 'string') {
      res.status(400).json(errorBody('BAD_REQUEST', 'send {"yaml": "..."}', 'yaml'));
      return;
    }
    const id = typeof body?.id === 'string' ? body.id.toLowerCase() : '';
    const file = SCENARIO_ID.test(id) ? await store.fileOf(id) : undefined;
    res.json(await check(yaml, file, store.dir, relative));
  });

  router.get('/scenarios/:id/edit', async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const { text, etag } = await source.read(found.file);
    const doc = await openScenarioText(text, found.file, { folder: store.dir });
    const savedAs = typeof req.query.saved === 'string' ? req.query.saved : '';
    await renderEditor(res, found, {
      yaml: text,
      etag,
      base: text,
      // "Fix it" opens here: the file's own problems are listed at once.
      errors: doc.ok ? [] : doc.errors,
      notice: VERSION.test(savedAs) ? { kind: 'saved', version: savedAs } : null,
    });
  });

  router.post('/scenarios/:id/edit', form, async (req, res) => {
    const found = await file(store, String(req.params.id), res);
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
      await renderEditor(res, found, { yaml, etag, base, errors: [error] });
      return;
    }
    if (result.status === 'saved') {
      const version = result.commit?.slice(0, 12) ?? result.etag.slice(1, 13);
      res.redirect(303, `/scenarios/${found.id}/edit?saved=${version}`);
      return;
    }
    if (result.status === 'invalid') {
      res.status(422);
      await renderEditor(res, found, { yaml, etag, base, errors: result.errors });
      return;
    }
    res.status(409);
    await renderEditor(res, found, {
      yaml,
      etag,
      base,
      errors: [],
      conflict: { theirs: result.current.text, etag: result.current.etag },
    });
  });

  // Per-hunk merge of a conflict: the merged text opens in the editor, based on their version.
  router.post('/scenarios/:id/merge', form, async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const yours = field(req.body, 'yours');
    const base = field(req.body, 'base');
    const theirsEtag = field(req.body, 'theirs');
    const current = await source.read(found.file);
    if (current.etag !== theirsEtag) {
      // Changed once more meanwhile: the diff is shown again against the newest version.
      res.status(409);
      await renderEditor(res, found, {
        yaml: yours,
        etag: theirsEtag,
        base,
        errors: [],
        conflict: { theirs: current.text, etag: current.etag },
      });
      return;
    }
    const pieces = threeWay(yours, base, current.text);
    const choices = hunkIndexes(pieces).map((i) => {
      const c = field(req.body, `hunk-${i}`);
      return CHOICES.has(c) ? (c as Choice) : undefined;
    });
    const merged = mergeHunks(pieces, choices);
    const doc = await openScenarioText(merged, found.file, { folder: store.dir });
    await renderEditor(res, found, {
      yaml: merged,
      etag: current.etag,
      base: current.text,
      errors: doc.ok ? [] : doc.errors,
      notice: { kind: 'merged', version: current.etag.slice(1, 13) },
    });
  });

  router.get('/scenarios/:id/history', async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    await renderHistory(res, found, null);
  });

  router.get('/scenarios/:id/history/:hash', async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const hash = String(req.params.hash);
    const patch = history ? await history.diff(found.file, hash) : undefined;
    if (patch === undefined) {
      notKept(res);
      return;
    }
    await renderHistory(res, found, { hash, lines: patchLines(patch) });
  });

  router.post('/scenarios/:id/restore', form, async (req, res) => {
    const found = await file(store, String(req.params.id), res);
    if (!found) return;
    const commit = field(req.body, 'commit');
    const backup = field(req.body, 'backup');
    let text: string | undefined;
    let message: string | undefined;
    if (history && commit !== '') {
      text = await history.show(found.file, commit);
      const entry = (await history.log(found.file)).find((c) => c.hash === commit);
      message = `Restore ${basename(found.file)} as of ${commit.slice(0, 7)}${entry ? ` (${entry.message})` : ''}`;
    } else if (backup !== '') {
      text = await source.readBackup(found.file, backup);
    }
    if (text === undefined) {
      notKept(res);
      return;
    }
    const etag = field(req.body, 'etag');
    const result = await source.save(found.file, text, etag, { author: authorOf(res), message });
    if (result.status === 'saved') {
      const version = result.commit?.slice(0, 12) ?? result.etag.slice(1, 13);
      res.redirect(303, `/scenarios/${found.id}/edit?saved=${version}`);
      return;
    }
    const current = await source.read(found.file);
    res.status(result.status === 'invalid' ? 422 : 409);
    await renderEditor(res, found, {
      yaml: text,
      etag: current.etag,
      base: current.text,
      errors: result.status === 'invalid' ? result.errors : [],
    });
  });

  router.get('/new', (_req, res) => {
    res.render('new', { title: 'New scenario', error: null, name: '', from: null });
  });

  router.post('/new', form, async (req, res) => {
    const name = textField(req.body, 'name');
    const text = template(name);
    const created = await create(store, name, text, authorOf(res));
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
    const titles = new Set(
      (await store.list()).flatMap((s) => (s.doc.ok ? [s.doc.scenario.title] : [])),
    );
    const text = retitleCopy(await readFile(found.file, 'utf8'), titles);
    const from = basename(found.file);
    const created = await create(store, name, text, authorOf(res), from);
    if ('error' in created) {
      res
        .status(created.status)
        .render('new', { title: 'Duplicate scenario', error: created.error, name, from: found.id });
      return;
    }
    res.redirect(303, `/scenarios/${created.id}/edit`);
  });

  async function renderEditor(res: Response, found: Found, state: EditorState): Promise<void> {
    const checked = await check(state.yaml, found.file, store.dir, relative);
    const listed = actionableErrors(state.errors, found.file, relative);
    const conflict = state.conflict ?? null;
    const pieces = conflict ? threeWay(state.yaml, state.base, conflict.theirs) : [];
    let hunk = 0;
    res.render('edit', {
      title: `Edit ${found.id}`,
      id: found.id,
      file: basename(found.file),
      yaml: state.yaml,
      etag: state.etag,
      base: state.base,
      errors: listed.errors,
      more: listed.more,
      notice: state.notice ?? null,
      conflict: conflict && {
        etag: conflict.etag,
        pieces: pieces.map((p) =>
          p.kind === 'same' ? { ...p, index: -1 } : { ...p, index: hunk++ },
        ),
        hunks: hunk,
      },
      inGit: history !== null,
      preview: checked.preview,
      // Read by the editor script; never executed (a JSON block), so the CSP allows it.
      editorData: jsonForScript({
        id: found.id,
        symbols: checked.symbols,
        errors: listed.errors,
        more: listed.more,
      }),
    });
  }

  async function renderHistory(
    res: Response,
    found: Found,
    shown: { hash: string; lines: PatchLine[] } | null,
  ): Promise<void> {
    const { etag } = await source.read(found.file);
    const commits = (history ? await history.log(found.file) : []).map((c) => ({
      ...c,
      when: commitTime(c.date),
    }));
    const backups = history
      ? []
      : (await source.backups(found.file)).map((name) => ({ name, when: backupTime(name) }));
    res.render('history', {
      title: `History of ${found.id}`,
      id: found.id,
      file: basename(found.file),
      etag,
      inGit: history !== null,
      commits,
      backups,
      shown: shown && {
        ...shown,
        commit: commits.find((c) => c.hash === shown.hash) ?? null,
      },
    });
  }

  return router;
}

interface EditorState {
  yaml: string;
  etag: string;
  /** The text the edit started from, for a three-way diff if the file changes meanwhile. */
  base: string;
  errors: Diagnostic[];
  conflict?: { theirs: string; etag: string } | null;
  notice?: { kind: 'saved' | 'merged'; version: string } | null;
}

/** A form field as text with the browser's line ends made `\n` ('' when absent). */
function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '';
}

/** A form field as trimmed text ('' when absent or not text). */
function textField(body: unknown, name: string): string {
  return field(body, name).trim();
}

function hunkIndexes(pieces: readonly Piece[]): number[] {
  return pieces.filter((p) => p.kind === 'hunk').map((_, i) => i);
}

/** JSON that can sit inside a `<script type="application/json">` element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Validation of a text being edited, as the file `file` would be (imports read beside it, inside
 * the served folder): its problems as the editor lists them, its names, and the tree drawn as
 * the scenario page draws it when it is valid.
 */
async function check(
  yaml: string,
  file: string | undefined,
  folder: string,
  relative: (f: string) => string,
): Promise<{
  valid: boolean;
  errors: ListedError[];
  more: number;
  preview: string | null;
  symbols: ReturnType<typeof editorSymbols>;
}> {
  const doc: ScenarioDocument = file
    ? await openScenarioText(yaml, file, { folder })
    : openScenario(yaml, 'edited.yaml');
  const symbols = editorSymbols(yaml, doc, relative);
  if (!doc.ok) {
    const listed = actionableErrors(doc.errors, doc.file, relative);
    return { valid: false, ...listed, preview: null, symbols };
  }
  const result = evaluateDocumentTree(doc);
  const preview = result.ok
    ? renderTreeSvg(layoutTree(result.value.tree, treeScore(result.value.tree)), {
        focusable: true,
      })
    : null;
  return { valid: true, errors: [], more: 0, preview, symbols };
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

function notKept(res: Response): void {
  res.status(404).render('error', {
    title: 'Not found',
    message: 'That earlier version is not in this file’s history.',
    errors: [],
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

interface PatchLine {
  kind: 'add' | 'del' | 'hunk' | 'context' | 'meta';
  text: string;
}

/** A unified diff's lines, by kind, for showing (file headers dropped). */
function patchLines(patch: string): PatchLine[] {
  return patch
    .split('\n')
    .filter((l) => !/^(diff --git|index |--- |\+\+\+ )/.test(l))
    .map((text) => ({
      kind: text.startsWith('@@')
        ? 'hunk'
        : text.startsWith('+')
          ? 'add'
          : text.startsWith('-')
            ? 'del'
            : text.startsWith('\\') || /^(new|deleted) file mode/.test(text)
              ? 'meta'
              : 'context',
      text,
    }));
}

/** `2026-11-25T20-31-02-123Z-abcd1234.yaml` -> `2026-11-25 20:31:02 UTC`. */
function backupTime(name: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(name);
  return m ? `${m[1]} ${m[2]}:${m[3]}:${m[4]} UTC` : name;
}

/** `2026-11-25T20:31:02+01:00` -> `2026-11-25 19:31 UTC`. */
function commitTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Creates `NAME.yaml` in the served folder from `text`, only if no file (nor link) has that
 * name: of parallel requests for one name exactly one succeeds, and nothing is written through
 * a link. In a git folder the new file is a commit.
 */
async function create(
  store: ScenarioStore,
  name: string,
  text: string,
  author: Author,
  from?: string,
): Promise<{ id: string } | { error: string; status: number }> {
  const id = slug(name);
  if (id === '')
    return { error: 'Give the scenario a name with some letters or digits.', status: 400 };
  const made = await store.write({
    kind: 'create',
    file: join(store.dir, `${id}.yaml`),
    text,
    author,
    message: createMessage(`${id}.yaml`, text, from),
  });
  if (!made)
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
