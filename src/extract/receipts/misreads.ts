/**
 * Letters and digits recognition swaps (0/O, 1/I/l), repaired only where the characters around them say which
 * was printed: inside a word of letters, at the end of a capitalised word, before a unit inside a number.
 */

/** A 0 or 1 read between two letters of one case inside a word (CONFECTI0NERY, Peta1ing), or a 0 ending a capitalised word (KOPI0). */
export function repairLetters(text: string): string {
  return text.replace(/\S+/g, (word) => {
    if ((word.match(/\d/g) ?? []).length !== 1) return word;
    if (/^\p{Lu}{3,}0$/u.test(word)) return `${word.slice(0, -1)}O`;
    return word
      .replace(/(\p{Lu})([01])(?=\p{Lu})/u, (_m, a: string, d: string) => a + (d === '0' ? 'O' : 'I'))
      .replace(/(\p{Ll})([01])(?=\p{Ll})/u, (_m, a: string, d: string) => a + (d === '0' ? 'o' : 'l'));
  });
}

/**
 * Letters and digits recognition swaps in a name, where the context says which was printed: a word starting 0
 * before lowercase letters (0range, 0il), an O inside a number before its unit (50OML, 1O0G).
 */
export function repairDigits(name: string): string {
  return name.replace(/(?<![\p{L}\d])0(?=\p{Ll}{2})/gu, 'O').replace(/(\d)[Oo](?=\d|(?:ml|g|kg|l|cm|mm)\b)/gi, '$10');
}

/** A full-width stop or comma read inside Latin text (NO．32): the ASCII one. Chinese text keeps its own. */
export function latinPunctuation(text: string): string {
  return text.replace(/(?<=[A-Za-z0-9])[．，](?=\s*[A-Za-z0-9])/g, (c) => (c === '．' ? '.' : ','));
}
