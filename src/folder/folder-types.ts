import type { ScenarioDocument } from '../document';
import type { Author, GitHistory } from '../files/git-history';
import type { Diagnostic } from '../model/diagnostic';
import type { WriteSteps } from './atomic-write';

export type EntryKind = 'scenario' | 'variant' | 'assessment' | 'library';

/** One file the folder holds, as the listing rules classify it. */
export interface FolderEntry {
  readonly id: string;
  readonly kind: EntryKind;
  /** Absolute path. */
  readonly file: string;
  /** For a variant or an assessment, its scenario's id. */
  readonly of: string | null;
  /** For a variant or an assessment, its scenario's file. */
  readonly scenarioFile?: string;
}

export interface StoredScenario {
  id: string;
  doc: ScenarioDocument;
  /** For a variant or an assessment, the id of its scenario. */
  variantOf: string | null;
  kind: EntryKind;
}

/** A library file: its parameters, its own problems, and the scenarios that import it. */
export interface StoredLibrary {
  id: string;
  file: string;
  text: string;
  title: string | null;
  description: string | null;
  parameters: string[];
  /** Problems of the library on its own (shape, its imports), files relative to the folder. */
  errors: Diagnostic[];
  /** Ids of the scenarios whose imports reach it, directly or through another library. */
  importers: string[];
}

/**
 * A change to the folder. Every write goes through `ScenarioFolder.write`, so history (a commit
 * per save) can hook in at one place.
 * - `replace`: the file's text, atomically, after keeping the version it replaces as a backup;
 * - `create`: a new file, only if the name is free (not even a link): false when taken;
 * - `delete`: removes the file.
 */
export type FolderChange = (
  | { kind: 'replace'; file: string; text: string }
  | { kind: 'create'; file: string; text: string }
  | { kind: 'delete'; file: string }
) & {
  /** Who made it, for the commit: default the request's author (`withAuthor`), else "branchpoint web". */
  author?: Author | undefined;
  /** The commit message: default what changed, from the texts. */
  message?: string | undefined;
};

export interface FolderOptions {
  /** Replaces file-system steps of every write: tests simulate full and read-only disks. */
  writeSteps?: Partial<WriteSteps> | undefined;
  /** Keep the index current with file-system events (default true). */
  watch?: boolean | undefined;
  /**
   * Every so often the index is checked against the disk as well, for file systems without
   * events (network shares, some containers); 0 turns the check off. Default 10 s.
   */
  checkEveryMs?: number | undefined;
  /**
   * The folder's git history: every write is then a commit (and no backup is kept). Default
   * null: backups.
   */
  history?: GitHistory | null | undefined;
}
