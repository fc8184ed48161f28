/**
 * True when `a` becomes `b` with at most one edit: insert, delete or replace one letter, or
 * swap two neighbouring letters ("stroomuitvla" → "stroomuitval").
 */
export function isWithinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  // One letter inserted, deleted or replaced.
  if (restA <= 1 && restB <= 1) return true;
  // Two neighbouring letters swapped.
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}
