/** Base class for errors Baken raises on purpose; `code` is a stable slug for tests and logs. */
export class BakenError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}
