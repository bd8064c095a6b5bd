/**
 * Turns what the user typed into an FTS5 query: every word must match, each as a prefix
 * ("disk" finds "DiskFull"). Each word is quoted, so FTS5 syntax in the input (AND, NEAR, `*`,
 * column filters) is taken literally, and FTS5's own tokenizer splits it the way it split the
 * indexed text ("api-server" becomes the phrase "api server"). Undefined when no word has a
 * letter or digit: the caller lists the most recent episodes instead.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
