/**
 * `value`, or an error naming `what` when it is null or undefined: a test that expects a value
 * fails right there with a clear message instead of a TypeError later on.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, found ${value}`);
  return value;
}

/** The capture `group` (default 1) of `pattern` in `text`, or an error that shows the text searched. */
export function captured(pattern: RegExp, text: string, group = 1): string {
  const match = pattern.exec(text)?.[group];
  if (match === undefined) throw new Error(`${pattern} (group ${group}) not found in:\n${text.slice(0, 2000)}`);
  return match;
}
