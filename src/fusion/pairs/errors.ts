// The one error class for unreadable pair files, so callers can tell bad input from bugs.

export class PairFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PairFileError';
  }
}
