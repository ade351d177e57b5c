// Errors with an HTTP status; the one error handler (errors.ts) turns every error into {error, message, hint}.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, hint?: string) => new HttpError(400, 'bad_request', message, hint);
export const notFound = (message: string, hint?: string) => new HttpError(404, 'not_found', message, hint);
/** data or a subsystem this endpoint needs does not exist yet (e.g. products not fused, a model not trained) */
export const notAvailable = (message: string, hint?: string) => new HttpError(409, 'not_available', message, hint);
