import type { RequestHandler } from 'express';
import type { ScenarioSource } from './scenario-source';
import type { ScenarioStore } from './scenario-store';

/** What the editor's routes share: the folder, its files' safe save path, and the body parsers. */
export interface EditorContext {
  store: ScenarioStore;
  source: ScenarioSource;
  history: ScenarioSource['history'];
  /** A file named relative to the served folder, for messages. */
  relative: (f: string) => string;
  /** Form bodies, up to the largest source accepted. */
  form: RequestHandler;
  /** JSON bodies, up to the largest source accepted. */
  json: RequestHandler;
}
