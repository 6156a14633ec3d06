/**
 * Masks for showing identifiers without revealing them (SS-11 style): the widget shows what the
 * person typed back to them only masked, e.g. in the heading of later steps.
 */

/** Keeps the last `visible` characters: "1712345675" -> "******5675". */
export function maskIdentification(value: string, visible = 4): string {
  const chars = [...value];
  if (visible <= 0 || chars.length <= visible) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - visible) + chars.slice(-visible).join('');
}

/** "juan.perez@gmail.com" -> "j***@g***.com", the shape the server uses for addresses on record. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskIdentification(email, 0);
  const local = [...email.slice(0, at)];
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0] ?? ''}***@${[...host][0] ?? ''}***${tld}`;
}
