/** Stable error codes; clients and tests branch on these, never on message text. */
export type ErrorCode =
  | 'not_found'
  | 'gone'
  | 'bad_request'
  | 'validation_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'unavailable'
  | 'internal';

/**
 * One problem of a 422 `validation_failed`: where (dotted field path, "" for the whole input) and
 * what, in French. The `details` of every validation error, in the back office and the API alike,
 * is a list of these.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The one error type: an HTTP status, a stable code, and whether the message may be shown. */
export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly expose: boolean;
  readonly details: unknown;

  constructor(code: ErrorCode, status: number, message: string, options: { expose?: boolean; details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.expose = options.expose ?? status < 500;
    this.details = options.details;
  }

  static notFound(message = 'Page introuvable'): AppError {
    return new AppError('not_found', 404, message);
  }

  static gone(message = 'Ce contenu a été retiré'): AppError {
    return new AppError('gone', 410, message);
  }

  static badRequest(message: string, details?: unknown): AppError {
    return new AppError('bad_request', 400, message, { details });
  }

  /** The one validation error: 422 `validation_failed`, its details listing every field problem. */
  static invalid(message: string, problems: FieldProblem[]): AppError {
    return new AppError('validation_failed', 422, message, { details: problems });
  }

  /** The field problems an error carries (a validation error, or a refused file's 413/415); empty for others. */
  static problemsOf(error: unknown): FieldProblem[] {
    return error instanceof AppError && Array.isArray(error.details) ? (error.details as FieldProblem[]) : [];
  }
}
