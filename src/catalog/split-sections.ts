export interface Section {
  /** Heading text of the `##` heading. */
  heading: string;
  /** Markdown between this heading and the next `##` heading. */
  markdown: string;
}

/**
 * Splits Markdown into its level-2 sections. Text before the first `##` heading is
 * returned as `intro`. Headings inside fenced code blocks are ignored.
 */
export function splitSections(markdown: string): { intro: string; sections: Section[] } {
  const sections: Section[] = [];
  const intro: string[] = [];
  let current: { heading: string; lines: string[] } | undefined;
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading && !line.startsWith('###')) {
      if (current) sections.push({ heading: current.heading, markdown: current.lines.join('\n').trim() });
      current = { heading: heading[1] ?? '', lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      intro.push(line);
    }
  }
  if (current) sections.push({ heading: current.heading, markdown: current.lines.join('\n').trim() });
  return { intro: intro.join('\n').trim(), sections };
}

/** Returns the Markdown of the first section with this heading (case-insensitive), if any. */
export function findSection(markdown: string, heading: string): string | undefined {
  const wanted = heading.toLowerCase();
  return splitSections(markdown).sections.find((section) => section.heading.toLowerCase() === wanted)?.markdown;
}
