/**
 * A bounded e-mail syntax check (SS-16): no CR/LF or other control or separator characters, one
 * @, a dotted domain. Linear-time: no backtracking-prone patterns.
 */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim();
  if (email.length < 3 || email.length > 254) return undefined;
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s<>(),;:"\\[\]%]/u.test(email)) return undefined;
  const at = email.indexOf('@');
  if (at < 1 || at !== email.lastIndexOf('@') || at > 64) return undefined;
  const domain = email.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return undefined;
  if (!/^[a-z]{2,}$/.test(labels[labels.length - 1]!)) return undefined;
  return `${email.slice(0, at)}@${domain}`;
}
