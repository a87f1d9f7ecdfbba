/** Errors that end a run with exit 2 and a one-line explanation (no stack). */
export class UsageError extends Error {
  name = 'UsageError';
}
