/**
 * Characters that change how text around them is shown without showing themselves: the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069; the "Trojan Source" trick,
 * CVE-2021-42574) and marks (U+200E, U+200F, U+061C), zero-width characters (U+200B–U+200D,
 * U+2060–U+2064, U+FEFF, U+180E) and tag characters (U+E0000–U+E007F). In a name they make it
 * read as something else to whoever reviews the directory, so free text may not hold them. A
 * zero-width joiner between two pictographs is how emoji sequences are written (👩‍💻): that one stays.
 */
const INVISIBLE = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/gu;
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\ufe0f?)\u200d(?=\p{Extended_Pictographic})/gu;

export function hasInvisibleCharacters(text: string): boolean {
  return new RegExp(INVISIBLE.source, "u").test(text.replace(EMOJI_JOINER, ""));
}

/** The text without them, for names that come from elsewhere (an upstream provider) with nobody to ask. */
export function withoutInvisibleCharacters(text: string): string {
  const joiners = "\u0000";
  return text.replace(EMOJI_JOINER, joiners).replace(INVISIBLE, "").replaceAll(joiners, "\u200d");
}
