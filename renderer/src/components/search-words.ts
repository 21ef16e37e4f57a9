// The words of a search query, as every kind's search and text filter match them: lower-cased,
// split on white space; an entity matches when every word appears in it.
export function queryWords(text: string): string[] {
  return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}
