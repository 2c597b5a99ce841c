import type { Router } from 'express';
import { openScenarioText } from '../document';
import type { EditorContext } from './editor-context';
import { findEditable } from './find-editable';
import { field } from './form-field';
import { renderEditor } from './render-editor';
import { mergeHunks, threeWay, type Choice, type Piece } from './three-way';

const CHOICES = new Set<string>(['yours', 'theirs', 'base', 'both']);

/** Per-hunk merge of a conflict: the merged text opens in the editor, based on their version. */
export function mergeRoute(router: Router, ctx: EditorContext): void {
  const { store, source, form } = ctx;

  router.post('/scenarios/:id/merge', form, async (req, res) => {
    const found = await findEditable(store, String(req.params.id), res);
    if (!found) return;
    const yours = field(req.body, 'yours');
    const base = field(req.body, 'base');
    const theirsEtag = field(req.body, 'theirs');
    const current = await source.read(found.file);
    if (current.etag !== theirsEtag) {
      // Changed once more meanwhile: the diff is shown again against the newest version.
      res.status(409);
      await renderEditor(ctx, res, found, {
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
    await renderEditor(ctx, res, found, {
      yaml: merged,
      etag: current.etag,
      base: current.text,
      errors: doc.ok ? [] : doc.errors,
      notice: { kind: 'merged', version: current.etag.slice(1, 13) },
    });
  });
}

function hunkIndexes(pieces: readonly Piece[]): number[] {
  return pieces.filter((p) => p.kind === 'hunk').map((_, i) => i);
}
