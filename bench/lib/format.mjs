// Number and table formatting shared by the measures.

/** Formats a byte count in kilobytes (1 KB = 1024 bytes). */
export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Formats a ratio against a reference, e.g. `0.42× budget` or `5.3× demo`. */
export function times(ratio, reference, digits = 2) {
  return `${ratio.toFixed(digits)}× ${reference}`;
}

/**
 * Renders a plain-text table: the first column left-aligned, the others right-aligned.
 * `footer` rows are printed below a rule (summary rows).
 */
export function table(headers, rows, footer = []) {
  const all = [headers, ...rows, ...footer];
  const widths = headers.map((_, column) => Math.max(...all.map((row) => String(row[column]).length)));
  const line = (row) =>
    row
      .map((cell, column) =>
        column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(headers), rule, ...rows.map(line), ...(footer.length > 0 ? [rule, ...footer.map(line)] : [])].join('\n');
}

/**
 * Table rows of a measure that ran several rounds: per `[label, key]`, every round of
 * `result.rounds[key]`, the best (`result.best[key]`) and that best as a ratio to the best of
 * `baseline`.
 */
export function roundRows(result, baseline, rows) {
  return rows.map(([label, key]) => [
    label,
    result.rounds[key].map((value) => value.toFixed(0)).join(' / '),
    result.best[key].toFixed(0),
    times(result.best[key] / result.best[baseline], 'baseline'),
  ]);
}
