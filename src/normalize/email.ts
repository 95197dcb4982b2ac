// A pragmatic address check: one `@`, a local part without spaces or controls, and a dotted domain. Mailbox
// providers accept far less than RFC 5322 allows; what matters here is rejecting what is plainly not an address.
const LOCAL_PART = /^[^\s@"(),:;<>[\\\]\u0000-\u001f\u007f]{1,64}$/u;
const DOMAIN = /^(?:[^\s@.,;:<>()[\]\\"\u0000-\u001f\u007f]{1,63}\.)+[^\s@.,;:<>()[\]\\"\u0000-\u001f\u007f\d][^\s@.,;:<>()[\]\\"\u0000-\u001f\u007f]{0,62}$/u;

/**
 * Normalizes a recipient address: trims it and lower-cases the domain (the local part is case-sensitive by
 * the standard, so it is kept as sent).
 * @param value A field as received, e.g. `" xiaorong@Example.com "`.
 * @returns The address (`xiaorong@example.com`), or `undefined` when the value is not an email address.
 */
export function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length > 254) return undefined;
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return undefined;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (!LOCAL_PART.test(local) || !DOMAIN.test(domain)) return undefined;
  return `${local}@${domain}`;
}
