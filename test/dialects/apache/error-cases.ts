/**
 * Syntax errors as httpd reports them. Every expected line and message below was produced by
 * Debian's apache2 2.4.71 (`apache2 -t -f`) on the same text appended to a 6-line preamble that
 * loads mpm_event and authz_core; lines here are relative to the snippet (preamble removed).
 * Used by test/dialects/apache/errors.test.ts (the parser) and test/e2e/differential/tables.test.ts
 * (the real apache2 -t).
 */
export const APACHE_PREAMBLE = [
  'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so',
  'LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so',
  'ServerName localhost',
  'Listen 127.0.0.1:18080',
  'PidFile /tmp/pid',
  'ErrorLog /tmp/err.log',
  '',
].join('\n');
export const APACHE_OFFSET = 6;

/** [snippet, 'line:col message' of the first error (lines relative to the snippet), or null]. */
export const APACHE_ERRORS: [string, string | null][] = [
  ['<Directory /tmp>\nRequire all granted\n', '1:1 <Directory> was not closed.'],
  ['<Directory /tmp>\nRequire all granted\n</Location>\n', '3:1 Expected </Directory> but saw </Location>'],
  ['</Directory>\n', '1:1 </Directory> without matching <Directory> section'],
  ['<Directory /tmp\nRequire all granted\n</Directory>\n', "1:1 <Directory> directive missing closing '>'"],
  ['<Directory /tmp>\nRequire all granted\n</Directory\n', "3:1 </Directory> directive missing closing '>'"],
  ['<Directory>\n</Directory>\n', '1:1 <Directory> directive requires additional arguments'],
  ['<Directory /tmp>\n<Files x>\n</Directory>\n', '3:1 Expected </Files> but saw </Directory>'],
  ['<Directory /tmp>\n<Files x>\n', '1:1 line 2: <Files> was not closed. <Directory> was not closed.'],
  ['<directory /tmp>\n</DIRECTORY>\n', null],
  // inactive conditionals are skipped by ap_soak_end_container: errors at the conditional's line
  ['<IfModule nonexist_module>\n<Directory /tmp>\n</IfModule>\n', '1:1 Expected </Directory> but saw </IfModule>'],
  ['<IfModule nonexist_module>\n</Directory>\n</IfModule>\n', '1:1 Expected </IfModule> but saw </Directory>'],
  ['<IfModule nonexist_module>\n<Directory /tmp>\n', '1:1 Expected </Directory> before end of configuration'],
  ['<IfModule nonexist_module>\n<IfModule nonexist_module>\n</IfModule>\n', '1:1 Expected </IfModule> before end of configuration'],
  ['<IfDefine FOO>\n</Directory>\n', '1:1 Expected </IfDefine> but saw </Directory>'],
  ['<ifmodule mod_x.c>\n</location>\n', '1:1 Expected </IfModule> but saw </location>'],
  ['<IfVersion < 2.4>\n<Directory /tmp>\n</IfVersion>\n', '1:1 Expected </Directory> but saw </IfVersion>'],
  // active conditionals build their body with a fresh section stack
  ['<IfModule authz_core_module>\n<Directory /tmp>\n</IfModule>\n', '3:1 Expected </Directory> but saw </IfModule>'],
  ['<IfModule authz_core_module>\nServerAdmin x\n</Directory>\n', '3:1 </Directory> without matching <Directory> section'],
  ['<IfModule authz_core_module>\n<Directory /tmp>\n', null],
  ['<Directory /tmp>\n<IfModule authz_core_module>\n</Directory>\n', '3:1 </Directory> without matching <Directory> section'],
  ['<IfVersion >= 2.4>\n<Directory /tmp>\n</IfVersion>\n', '3:1 Expected </Directory> but saw </IfVersion>'],
  ['<IfModule authz_core_module>\n</IfModule junk>\n', '2:1 </IfModule without matching <IfModule section'],
  ['<IfModule authz_core_module>\n  </ifmodule>  \n</Directory>\n', '3:1 </Directory> without matching <Directory> section'],
  ['<IfModule>\n</IfModule>\n', '1:1 <IfModule> directive requires additional arguments'],
  ['<IfModule mod_x.c\n</IfModule>\n', "1:1 <IfModule> directive missing closing '>'"],
  ['<VirtualHost *:80>\n<IfModule authz_core_module>\n<Directory /tmp>\n</IfModule>\n</VirtualHost>\n', '4:1 Expected </Directory> but saw </IfModule>'],
  // continuations: httpd names the last physical line of the logical line
  ['<Directory /tmp>\n</Directory junk>\n', "2:1 </Directory> directive missing closing '>'"],
  ['ServerName x \\\n  y\n<Directory /tmp>\n</Directory junk>\n', "4:1 </Directory> directive missing closing '>'"],
  ['<Directory \\\n /tmp>\n</Location>\n', '3:1 Expected </Directory> but saw </Location>'],
  ['<Directory \\\n /tmp\n</Directory>\n', "2:2 <Directory> directive missing closing '>'"],
  ['  <Directory /tmp>\n  </Location>\n', '2:3 Expected </Directory> but saw </Location>'],
  ['"<Directory" /tmp>\n</Directory>\n', null],
  ['<Directory /tmp> junk\n</Directory>\n', null],
  ['<Directory "/tmp>"\n</Directory>\n', null],
  ['<Directory /tmp>\r\n</Location>\r\n', '2:1 Expected </Directory> but saw </Location>'],
  ['# a comment \\\n</Directory>\n', null],
  ['<VirtualHost *:80>\n<Location /x>\n</Location>\n', '1:1 <VirtualHost> was not closed.'],
  // a NUL ends a physical line's content: the rest up to the line feed is never read
  ['ServerAdmin a@b\0 x y\n', null],
  ['<Location \0/x>\n</Location>\n', '1:1 <Location> directive requires additional arguments'],
  ['<Directory /tmp>\0\n</Location>\n', '2:1 Expected </Directory> but saw </Location>'],
  ['<Directory /tmp>\n</Directory>\0junk\n', null],
  ['ServerAdmin a@b\0 \\\n<Directory /tmp>\n</Location>\n', '3:1 Expected </Directory> but saw </Location>'],
  ['<Directory /tmp \\\0\n/x>\n</Directory>\n', "1:1 <Directory> directive missing closing '>'"],
  // no arguments is checked before the closing `>`
  ['<Location\n</Location>\n', '1:1 <Location> directive requires additional arguments'],
  ['<IfModule\n</IfModule>\n', '1:1 <IfModule> directive requires additional arguments'],
];

