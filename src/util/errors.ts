// Typed errors that name the value and the fix; one place (cli/exit-codes.ts, server) maps them to exit codes.

export type ErrorKind = 'usage' | 'input' | 'config' | 'internal';

export class OmnifuseError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  constructor(kind: ErrorKind, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OmnifuseError';
    this.kind = kind;
    this.hint = opts.hint;
  }
}

export const usageError = (message: string, hint?: string) => new OmnifuseError('usage', message, hint === undefined ? {} : { hint });
export const inputError = (message: string, hint?: string, cause?: unknown) =>
  new OmnifuseError('input', message, { ...(hint === undefined ? {} : { hint }), cause });
export const configError = (message: string, hint?: string) => new OmnifuseError('config', message, hint === undefined ? {} : { hint });

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
