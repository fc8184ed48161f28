/** One piece of a diff: text both versions share, or text only the old or the new one has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Above this many line pairs the table would cost too much memory and time: the diff is then the whole old text, then the whole new one. */
export const MAX_DIFF_CELLS = 1_000_000;

/** Longest common subsequence of two lists of lines, as a diff (classic dynamic programming; sections are short). */
export function diffLines(before: readonly string[], after: readonly string[]): DiffPart[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_DIFF_CELLS)
    return [
      ...before.map((text) => ({ kind: 'removed' as const, text })),
      ...after.map((text) => ({ kind: 'added' as const, text })),
    ];
  // lcs[i * width + j]: the longest common run of before[i..] and after[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  const at = (i: number, j: number) => lcs[i * width + j] ?? 0;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * width + j] = before[i] === after[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const old = before[i];
    const next = after[j];
    if (old !== undefined && next !== undefined && old === next) {
      parts.push({ kind: 'same', text: old });
      i++;
      j++;
    } else if (old !== undefined && (next === undefined || at(i + 1, j) >= at(i, j + 1))) {
      // Old text before new, as a reader compares them.
      parts.push({ kind: 'removed', text: old });
      i++;
    } else {
      parts.push({ kind: 'added', text: next ?? '' });
      j++;
    }
  }
  return parts;
}
