// The one error type every domain mutation throws. It carries a stable code for programs
// and an i18n key (with parameters) for people, so the UI can say what went wrong in
// either language without parsing English.

export type ModelErrorCode = 'invalid-input' | 'not-found' | 'read-only' | 'schema-too-new';

/** A mutation refused its input; nothing in the document changed. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    /** Message-catalogue key, e.g. `errors.required`. */
    readonly messageKey: string,
    /** The argument the error is about, e.g. `title`, when there is one. */
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}${field ? ` (${field})` : ''}`);
  }
}

export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}
