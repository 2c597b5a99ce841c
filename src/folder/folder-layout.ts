import { extname } from 'node:path';

/** Ids are file names without extension; only these characters reach the file system. */
export const SCENARIO_ID = /^[a-z0-9_-]+$/;
/** A variant's id: its scenario's id, `--`, the variant file's name. */
export const VARIANT_SEPARATOR = '--';
/** An assessment's id: its scenario's id, `--by-`, the assessment file's name. */
export const ASSESSMENT_SEPARATOR = '--by-';
/** Variants of `NAME.yaml` live in the folder `NAME.variants/`. */
export const VARIANTS_SUFFIX = '.variants';
/** Assessments of `NAME.yaml` live in the folder `NAME.assessments/` (FORMAT.md section 10). */
export const ASSESSMENTS_SUFFIX = '.assessments';
/** Libraries may also sit in this sub-folder of the served folder (FORMAT.md section 8). */
export const LIBRARY_FOLDER = 'libraries';
/** Where backups go, inside the served folder (a hidden folder the listing skips). */
export const BACKUP_FOLDER = '.branchpoint-backups';
/** How many earlier versions of each file are kept. */
export const BACKUPS_KEPT = 20;

const EXTENSIONS = new Set(['.yaml', '.yml']);

/** Whether a file name has a YAML extension (any case). */
export function isYamlName(name: string): boolean {
  return EXTENSIONS.has(extname(name).toLowerCase());
}

/** The id a file name gives, or undefined when it is not a YAML file or the id is not valid. */
export function idOf(name: string): string | undefined {
  if (!isYamlName(name)) return undefined;
  const id = name.slice(0, -extname(name).length).toLowerCase();
  return SCENARIO_ID.test(id) ? id : undefined;
}
