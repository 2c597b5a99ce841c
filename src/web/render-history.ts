import type { Response } from 'express';
import { basename } from 'node:path';
import type { EditorContext } from './editor-context';
import type { Found } from './find-editable';

/** One line of a shown diff, by kind. */
export interface PatchLine {
  kind: 'add' | 'del' | 'hunk' | 'context' | 'meta';
  text: string;
}

/** Renders the history page of `found`: its commits (in git) or kept backups, and a shown diff. */
export async function renderHistory(
  ctx: EditorContext,
  res: Response,
  found: Found,
  shown: { hash: string; lines: PatchLine[] } | null,
): Promise<void> {
  const { source, history } = ctx;
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

/** A unified diff's lines, by kind, for showing (file headers dropped). */
export function patchLines(patch: string): PatchLine[] {
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
