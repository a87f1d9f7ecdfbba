/**
 * Names of httpd's container directives as httpd spells them in its messages. httpd reports a
 * known directive by its registered name (`<Directory>` even when written `<directory`) and an
 * unknown one as written, so we need the canonical spelling to reproduce its words.
 */
const CANONICAL = [
  'VirtualHost', 'Directory', 'DirectoryMatch', 'Files', 'FilesMatch', 'Location', 'LocationMatch',
  'IfModule', 'IfDefine', 'IfVersion', 'IfFile', 'IfDirective', 'IfSection', 'If', 'ElseIf', 'Else',
  'Proxy', 'ProxyMatch', 'Limit', 'LimitExcept', 'RequireAll', 'RequireAny', 'RequireNone',
  'AuthnProviderAlias', 'AuthzProviderAlias', 'Macro', 'MDomainSet', 'MDomain', 'MDomainSet',
];

const byKey = new Map<string, string>(CANONICAL.map((n) => [n.toLowerCase(), n]));

/** Sections whose handler refuses an empty argument ("directive requires additional arguments"). */
export const NEEDS_ARGS = new Set([
  'virtualhost', 'directory', 'directorymatch', 'files', 'filesmatch', 'location', 'locationmatch',
  'ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection', 'proxy', 'proxymatch',
]);

export function canonicalSectionName(written: string): string {
  return byKey.get(written.toLowerCase()) ?? written;
}
