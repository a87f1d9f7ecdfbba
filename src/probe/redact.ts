/**
 * Credentials never reach the output: URLs lose their user info, and the values of headers that
 * carry secrets are replaced. Everything printed goes through here.
 */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token']);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** The URL without user name or password. */
export function displayUrl(u: URL): string {
  const c = new URL(u.href);
  c.username = '';
  c.password = '';
  return c.href;
}

/** A proxy as `http://host:port`, never with its credentials. */
export function displayProxy(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

export function displayHeader(name: string, value: string): string {
  return `${name}: ${isSecretHeader(name) ? '<redacted>' : value}`;
}
