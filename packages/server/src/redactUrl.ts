/**
 * A connection URL fit for logs: the password, if any, replaced by `***`.
 * `what` names the setting when the URL cannot be parsed.
 *
 * @example redactUrl('postgres://kenes:secret@db/kenes') // 'postgres://kenes:***@db/kenes'
 */
export function redactUrl(url: string, what = 'URL'): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return `(unparsable ${what})`;
  }
}
