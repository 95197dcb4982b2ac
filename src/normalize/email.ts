// A pragmatic address check: one `@`; a local part without spaces, controls or specials; a domain of two or more
// labels of letters, digits and inner hyphens (or visible non-ASCII), the last not starting with a digit.
// Mailbox providers accept far less than RFC 5322 allows; what matters here is rejecting what is plainly not an
// address. Written as character loops: it runs on every item of every batch.

const PLAIN_ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

// White space and invisible format characters (zero-width space, bidi controls): never part of an address.
const INVISIBLE = /[\s\p{Cf}]/u;

/** Characters a local part never has outside quotes: `"(),:;<>@[\]`, controls, spaces, format characters. */
function isForbidden(code: number, text: string, at: number): boolean {
  if (code <= 32 || code === 127) return true;
  if (code < 128) {
    return (
      code === 34 || code === 40 || code === 41 || code === 44 || code === 58 || code === 59 ||
      code === 60 || code === 62 || code === 64 || code === 91 || code === 92 || code === 93
    );
  }
  return code <= 159 || INVISIBLE.test(text[at]!);
}

/** Characters of a domain label: ASCII letters, digits and `-`, and any visible non-ASCII (internationalised). */
function isLabelCharacter(code: number, text: string, at: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || (code >= 65 && code <= 90);
  }
  return code > 159 && !INVISIBLE.test(text[at]!);
}

function isLocalPart(text: string, end: number): boolean {
  if (end < 1 || end > 64) return false;
  for (let i = 0; i < end; i++) {
    if (isForbidden(text.charCodeAt(i), text, i)) return false;
  }
  return true;
}

function isDomain(domain: string): boolean {
  let labelStart = 0;
  let labels = 0;
  for (let i = 0; i <= domain.length; i++) {
    const code = i === domain.length ? 46 : domain.charCodeAt(i);
    if (code === 46) {
      const length = i - labelStart;
      // Labels of 1 to 63 characters that neither start nor end with a hyphen.
      if (length < 1 || length > 63) return false;
      if (domain.charCodeAt(labelStart) === 45 || domain.charCodeAt(i - 1) === 45) return false;
      labels++;
      if (i === domain.length) {
        // A top-level domain never starts with a digit (that would be an IP address).
        const first = domain.charCodeAt(labelStart);
        return labels >= 2 && !(first >= 48 && first <= 57);
      }
      labelStart = i + 1;
    } else if (!isLabelCharacter(code, domain, i)) return false;
  }
  return false;
}

/**
 * Normalizes a recipient address: trims it and lower-cases the domain (the local part is case-sensitive by
 * the standard, so it is kept as sent).
 * @param value A field as received, e.g. `" xiaorong@Example.com "`.
 * @returns The address (`xiaorong@example.com`), or `undefined` when the value is not an email address.
 */
export function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Most addresses are plain ASCII, already trimmed and lower-case in the domain: one regular expression, which
  // accepts only what the loops below accept unchanged, settles them at a third of the cost.
  if (value.length <= 254 && PLAIN_ADDRESS.test(value)) return value;
  const text = value.trim();
  if (text.length > 254) return undefined;
  const at = text.indexOf('@');
  if (!isLocalPart(text, at)) return undefined;
  const sentDomain = text.slice(at + 1);
  const domain = sentDomain.toLowerCase();
  if (!isDomain(domain)) return undefined;
  return domain === sentDomain ? text : `${text.slice(0, at)}@${domain}`;
}
