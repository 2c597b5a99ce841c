import { formatDiagnostic } from '../load';
import type { Diagnostic, ErrorCode } from '../model/diagnostic';

/**
 * An answer other than success, thrown by a route (or a `router.param` loader) and written by the
 * app's one error handler: JSON `{"errors": [...]}` under /api, the error page elsewhere.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  /** Problems located in files (422): the JSON lists each, the page shows each on a line. */
  diagnostics: readonly Diagnostic[] = [];

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** The request field or parameter the problem concerns (`id`, `name`, `body`). */
    readonly path: string | null = null,
  ) {
    super(message);
  }

  /** 422 with positioned problems (files already named relative to the served folder). */
  static invalid(message: string, diagnostics: readonly Diagnostic[]): HttpError {
    const e = new HttpError(422, diagnostics[0]?.code ?? 'BAD_VALUE', message);
    e.diagnostics = diagnostics;
    return e;
  }

  /** The lines the error page shows under the message. */
  get details(): string[] {
    return this.diagnostics.map((d) => formatDiagnostic(d));
  }
}

export function isHttpError(e: unknown): e is HttpError {
  return e instanceof HttpError;
}
