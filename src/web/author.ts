import type { NextFunction, Request, Response } from 'express';
import { WEB_AUTHOR, withAuthor, type Author } from '../files/git-history';
import { slug } from '../model/slug';
import type { Session } from './sessions';

/** The author of saves in team mode by someone who gave no name, or through the API. */
export const TEAM_AUTHOR: Author = { name: 'branchpoint team', email: 'team@branchpoint.invalid' };

/**
 * Who is saving, for the commit that records it: the name given at sign-in in team mode,
 * "branchpoint team" for a token without a name, "branchpoint web" on loopback.
 */
export function authorOf(res: Response): Author {
  const locals = res.locals as { teamMode?: boolean; session?: Session };
  const name = locals.session?.name ?? '';
  if (name !== '') return { name, email: `${slug(name) || 'someone'}@branchpoint.invalid` };
  return locals.teamMode === true ? TEAM_AUTHOR : WEB_AUTHOR;
}

/** Middleware: what the rest of the request writes is committed under its author. */
export function authorScope(_req: Request, res: Response, next: NextFunction): void {
  withAuthor(authorOf(res), next);
}
