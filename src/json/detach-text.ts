/**
 * A copy of a string that shares no memory with the text it was cut from. V8 makes a substring of 13 or more
 * characters a view into its parent, so an id sliced out of a request body would keep the whole body alive for
 * as long as the id lives (in a dedup cache, say). Prepending a character forces a flat copy of the characters;
 * slicing it off again leaves a view into that small copy only.
 * @param text A substring of a larger text.
 */
export function detachText(text: string): string {
  return (' ' + text).slice(1);
}
