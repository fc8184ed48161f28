const PLACEHOLDER = /(\{[a-z_]+\})/;

/** Splits text into plain parts and `{placeholder}` parts, in order. */
export function splitPlaceholders(text: string): Array<{ text: string; placeholder: boolean }> {
  return text
    .split(PLACEHOLDER)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, placeholder: PLACEHOLDER.test(part) }));
}

/**
 * Wraps every `{placeholder}` in the text of rendered HTML in a span, so a spokesperson
 * sees at once what to fill in. Tags and attributes are left untouched.
 */
export function highlightPlaceholders(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((chunk) =>
      chunk.startsWith('<')
        ? chunk
        : splitPlaceholders(chunk)
            .map((part) => (part.placeholder ? `<span class="placeholder">${part.text}</span>` : part.text))
            .join(''),
    )
    .join('');
}
