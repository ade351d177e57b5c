// Masking for every output: j***@e***.com, 138****5678, 张*, J*** S***.

/** j***@e***.com — first letter of the mailbox and of the domain, the top-level domain kept. */
export function maskEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined || email.trim() === '') return null;
  const s = email.trim();
  const at = s.lastIndexOf('@');
  if (at < 0) return maskText(s);
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot < 0 ? domain : domain.slice(0, dot);
  const tld = dot < 0 ? '' : domain.slice(dot);
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

/** 138****5678 — the first three and last four digits, as Chinese platforms mask them. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone === null || phone === undefined) return null;
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1[3-9]\d{9}$)/, '');
  if (digits.length < 7) return digits.length === 0 ? null : '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 张* for Chinese names (surname kept), J*** S*** for Latin ones. */
export function maskName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const s = name.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (s === '') return null;
  if (/^\p{Script=Han}/u.test(s)) return s.slice(0, 1) + '*'.repeat([...s].length - 1);
  return s.replace(/([\p{L}\p{N}])[\p{L}\p{N}'’-]*/gu, '$1***');
}

/** Any other personal text (street, free text): first character and a fixed-width mask, so length leaks nothing. */
export function maskText(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  return `${[...text.trim()][0] ?? ''}***`;
}

/** Personal columns of omnifuse tables and how each is masked in output. */
export const MASKERS = {
  email: maskEmail,
  phone: maskPhone,
  name: maskName,
  text: maskText,
} as const;
