// The one place errors become exit codes (documented in README): 0 ok, 1 failure, 2 bad usage, 3 input rejected in part.
import { CommanderError } from 'commander';
import { OmnifuseError } from '../util/errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, partial: 3 } as const;

export function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT.usage;
  if (e instanceof OmnifuseError) return e.kind === 'usage' ? EXIT.usage : EXIT.failure;
  return EXIT.failure;
}
