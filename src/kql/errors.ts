/** Where in the query text a problem is: 0-based offset and length. */
export interface Span {
  readonly start: number;
  readonly length: number;
}

export type KqlErrorKind = 'syntax' | 'binding' | 'unsupported' | 'runtime';

/** Every error the engine reports to a user; the CLI prints it as file:line:column: message. */
export class KqlError extends Error {
  constructor(
    readonly kind: KqlErrorKind,
    message: string,
    readonly span?: Span,
    readonly source?: string,
  ) {
    super(message);
    this.name = 'KqlError';
  }
}

/** A construct that Kusto has and trailhound does not: named, never approximated. */
export class UnsupportedError extends KqlError {
  constructor(what: string, span?: Span) {
    super('unsupported', `${what} is not supported by trailhound`, span);
    this.name = 'UnsupportedError';
  }
}

/** A query that is valid but fails while running (bad argument value, limits). */
export class RuntimeError extends KqlError {
  constructor(message: string, span?: Span) {
    super('runtime', message, span);
    this.name = 'RuntimeError';
  }
}
