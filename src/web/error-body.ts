import {
  diagnostic,
  toJson,
  type Diagnostic,
  type DiagnosticJson,
  type ErrorCode,
} from '../model/diagnostic';

/** The API's error body (FORMAT.md section 5): `{"errors": [{code, message, file, line, column, path}]}`. */
export function errorBody(
  code: ErrorCode,
  message: string,
  path: string | null = null,
): { errors: DiagnosticJson[] } {
  return { errors: [toJson(diagnostic(code, message, undefined, path))] };
}

export function errorsBody(errors: Diagnostic[]): { errors: DiagnosticJson[] } {
  return { errors: errors.map(toJson) };
}
