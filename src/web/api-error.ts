import { errorBody, errorsBody } from './error-body';
import { isHttpError } from './http-error';
import { storageFailure } from './write-errors';

/** Largest JSON body accepted, in bytes, so a request cannot make the server buffer without bound. */
export const MAX_BODY_BYTES = 100 * 1024;

/**
 * What went wrong, for an error that is not an `HttpError`: a failed write's cause, a client's
 * mistake the body parser found (400, 413, ...), or the server's own failure, which is logged and
 * not described.
 */
export function failure(err: unknown): { status: number; message: string } {
  const storage = storageFailure(err);
  const status = storage?.status ?? httpStatus(err);
  const message =
    storage?.message ?? (status < 500 ? clientMessage(err) : 'something went wrong on the server');
  if (status >= 500 && !storage && process.env.NODE_ENV !== 'test') console.error(err);
  return { status, message };
}

/** The API's answer to an error: its status and `{"errors": [...]}` (FORMAT.md section 5). */
export function apiError(err: unknown): { status: number; body: object } {
  if (isHttpError(err))
    return {
      status: err.status,
      body:
        err.diagnostics.length > 0
          ? errorsBody([...err.diagnostics])
          : errorBody(err.code, err.message, err.path),
    };
  const { status, message } = failure(err);
  return { status, body: errorBody(status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR', message) };
}

function httpStatus(err: unknown): number {
  const status =
    (err as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function clientMessage(err: unknown): string {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') {
    // Each route states its own limit (a scenario's source may be larger than other bodies).
    const limit = (err as { limit?: unknown }).limit;
    return `request body is larger than ${typeof limit === 'number' ? sizeText(limit) : sizeText(MAX_BODY_BYTES)}, the limit here`;
  }
  if (type === 'entity.parse.failed') return 'request body is not valid JSON';
  return err instanceof Error ? err.message : 'bad request';
}

/** 2097152 -> "2 MB", 102400 -> "100 kB". */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${+(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${+(bytes / 1024).toFixed(1)} kB`;
}
