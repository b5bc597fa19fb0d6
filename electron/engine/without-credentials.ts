/**
 * A URL as it may be shown: without the user name and password an engineer may have put in
 * it (`http://user:pass@odoo.plant.local`). Odoo logs in with ODOO_USERNAME/ODOO_PASSWORD, so
 * the userinfo is never needed; it must not reach a banner, the console or a log line.
 */
export function withoutCredentials(url: string): string {
  // Greedy up to the last '@' of the authority part, as URL parsers read it; a missing scheme too.
  return url.replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?)[^/?#]*@/i, '$1');
}
