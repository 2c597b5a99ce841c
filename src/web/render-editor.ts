import type { Response } from 'express';
import { basename } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';
import { checkEdit } from './check-edit';
import type { EditorContext } from './editor-context';
import { actionableErrors } from './editor-model';
import type { Found } from './find-editable';
import { threeWay } from './three-way';

/** What the editor page shows besides the file: the text typed, its version, why it was refused. */
export interface EditorState {
  yaml: string;
  etag: string;
  /** The text the edit started from, for a three-way diff if the file changes meanwhile. */
  base: string;
  errors: Diagnostic[];
  conflict?: { theirs: string; etag: string } | null;
  notice?: { kind: 'saved' | 'merged'; version: string } | null;
}

/** Renders the editor page for `found` in `state` (the status is set by the caller). */
export async function renderEditor(
  ctx: EditorContext,
  res: Response,
  found: Found,
  state: EditorState,
): Promise<void> {
  const { store, relative, history } = ctx;
  const checked = await checkEdit(state.yaml, found.file, store.dir, relative);
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

/** JSON that can sit inside a `<script type="application/json">` element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
