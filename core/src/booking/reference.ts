/**
 * Booking references: what a citizen reads, types and says on the phone. Nine characters of Crockford's base32
 * alphabet without Z (no I, L, O or U: nothing to confuse; 31 symbols, a prime, for the check), eight random and
 * one check character, shown as `K7M-2QX-D4R`. Typing is
 * forgiving (lower case, spaces and dashes, O for 0, I and L for 1); a typo in one character, or two neighbours
 * swapped, fails the check before anything is looked up.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const BODY = 8;

/** The check character: weights 1…8, sum mod 31 (a prime: one wrong character or a swap of neighbours changes it). */
function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]!);
  return ALPHABET[sum % 31]!;
}

/** A new reference from at least 8 random bytes (each taken mod 31: about 40 bits). */
export function makeReference(random: Uint8Array): string {
  if (random.length < BODY) throw new RangeError('a reference needs 8 random bytes');
  let body = '';
  for (let i = 0; i < BODY; i++) body += ALPHABET[random[i]! % 31];
  return body + checkChar(body);
}

/** A stored reference as people read it: `K7M-2QX-D4R`. */
export function formatReference(ref: string): string {
  return `${ref.slice(0, 3)}-${ref.slice(3, 6)}-${ref.slice(6)}`;
}

/** A typed reference in its stored form, or null when it is malformed or its check character is wrong. */
export function parseReference(input: string): string | null {
  const s = String(input)
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== BODY + 1 || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return checkChar(s.slice(0, BODY)) === s[BODY] ? s : null;
}
