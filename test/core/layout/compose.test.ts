/**
 * core/layout: which server paths a repository's compose files and Dockerfiles put its files at.
 * Rows: a tree (files relative to its top), the root linted, and the includes.map entries
 * expected (server path → tree path relative to the top), or [] when nothing may be read.
 */
import * as path from 'node:path';
import { composeMapping, composeRoots, type ComposeCache } from '../../../src/core/layout/compose';
import { interpolate, readDotenv } from '../../../src/core/layout/interpolate';
import { useTempTrees } from '../../support/cli';

const tree = useTempTrees();

describe('interpolate, as docker compose does', () => {
  const vars = new Map([
    ['DIR', './conf'],
    ['EMPTY', ''],
  ]);
  const rows: [string, string | undefined][] = [
    ['${DIR}/sites', './conf/sites'],
    ['$DIR/sites', './conf/sites'],
    ['${UNSET:-./nginx}', './nginx'],
    ['${UNSET-./nginx}', './nginx'],
    ['${EMPTY:-./nginx}', './nginx'],
    ['${EMPTY-./nginx}', ''],
    ['${DIR:-./nginx}', './conf'],
    ['${UNSET:-${DIR}/x}', './conf/x'],
    ['${DIR:?set it}', './conf'],
    ['${UNSET:?set it}', undefined],
    ['${EMPTY:?set it}', undefined],
    ['${EMPTY?set it}', ''],
    ['${DIR:+./alt}', './alt'],
    ['${UNSET:+./alt}', ''],
    ['$$DIR', '$DIR'],
    ['${UNSET}/sites', undefined],
    ['$UNSET', undefined],
    ['a $ b', undefined],
    ['${DIR', undefined],
    ['${}', undefined],
  ];
  it.each(rows)('%s → %s', (text, expected) => expect(interpolate(text, vars)).toBe(expected));
});

describe('readDotenv: the .env beside a compose file', () => {
  it('reads quotes, comments, export and earlier keys as compose does', () => {
    const dir = tree({
      '.env': [
        '# a comment',
        'A=./nginx',
        'export B = ./b  # inline comment',
        "C='${A}/literal'",
        'D="${A}/conf.d"',
        'E=${A}/sites',
        'F=${NOPE}/x',
        'G=one#two',
        'H="multi',
        'line"',
        'I=after',
        '',
      ].join('\n'),
    });
    expect(Object.fromEntries(readDotenv(dir))).toEqual({ A: './nginx', B: './b', C: '${A}/literal', D: './nginx/conf.d', E: './nginx/sites', G: 'one#two', H: 'multi\nline', I: 'after' });
  });
  it('no .env: no variables', () => expect(readDotenv(tree({ 'x.conf': '' })).size).toBe(0));
});

const CONF = 'events {}\n';
const rows: { name: string; files: Record<string, string | Buffer>; root: string; expected: [string, string][] }[] = [
  {
    name: 'a ${VAR:-default} source without .env: the default',
    files: { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ${NGINX_CONF_DIR:-./nginx}/nginx.conf:/etc/nginx/nginx.conf:ro\n      - ${NGINX_CONF_DIR:-./nginx}/sites:/etc/nginx/conf.d\n', 'nginx/nginx.conf': CONF, 'nginx/sites/a.conf': CONF },
    root: 'nginx/nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'nginx/nginx.conf'], ['/etc/nginx/conf.d', 'nginx/sites']],
  },
  {
    name: 'the .env value wins over the default',
    files: { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ${CONF:-./nginx}:/etc/nginx\n', '.env': 'CONF=./deploy/nginx\n', 'deploy/nginx/nginx.conf': CONF, 'nginx/nginx.conf': CONF },
    root: 'deploy/nginx/nginx.conf',
    expected: [['/etc/nginx', 'deploy/nginx']],
  },
  {
    name: 'a variable with no value and no default: that mount unmapped, the others kept',
    files: { 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf\n      - ${SITES}:/etc/nginx/conf.d\n      - $SNIPPETS:/etc/nginx/snippets\n', 'nginx.conf': CONF, 'sites/a.conf': CONF },
    root: 'nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'nginx.conf']],
  },
  {
    name: 'a variable in the target, long syntax',
    files: { 'compose.yml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - type: bind\n        source: ./nginx.conf\n        target: ${NGINX_ROOT:-/etc/nginx}/nginx.conf\n      - type: bind\n        source: ./sites\n        target: ${SITES_AT}\n', 'nginx.conf': CONF, 'sites/a.conf': CONF },
    root: 'nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'nginx.conf']],
  },
  {
    name: 'env_file is the container environment, not interpolation',
    files: { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: web.env\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf\n      - ${SITES}:/etc/nginx/conf.d\n', 'web.env': 'SITES=./sites\n', 'nginx.conf': CONF, 'sites/a.conf': CONF },
    root: 'nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'nginx.conf']],
  },
  {
    name: "a service's build: the final stage's COPYs, relative to the context",
    files: {
      'docker-compose.yml': 'services:\n  proxy:\n    build:\n      context: ./proxy\n      dockerfile: docker/Dockerfile\n',
      'proxy/docker/Dockerfile': 'FROM node:20 AS assets\nCOPY conf.d/ /etc/nginx/conf.d/\nFROM nginx:1.27\nCOPY --from=assets /app/dist /usr/share/nginx/html\nCOPY --chown=nginx:nginx nginx.conf /etc/nginx/nginx.conf\nCOPY ["sites/", "/etc/nginx/sites-enabled/"]\n',
      'proxy/nginx.conf': CONF,
      'proxy/sites/a.conf': CONF,
      'proxy/conf.d/x.conf': CONF,
    },
    root: 'proxy/nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'proxy/nginx.conf'], ['/etc/nginx/sites-enabled', 'proxy/sites']],
  },
  {
    name: 'build: as a string, a file into a directory, WORKDIR-relative destination, ADD of a plain file',
    files: {
      'compose.yaml': 'services:\n  web:\n    build: ./web\n',
      'web/Dockerfile': 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/\nWORKDIR /etc/nginx\nADD site.conf conf.d/\nCOPY snippets snippets\n',
      'web/nginx.conf': CONF,
      'web/site.conf': CONF,
      'web/snippets/ws.conf': CONF,
    },
    root: 'web/nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'web/nginx.conf'], ['/etc/nginx/conf.d/site.conf', 'web/site.conf'], ['/etc/nginx/snippets', 'web/snippets']],
  },
  {
    name: 'a Dockerfile no compose file builds: its directory is the context',
    files: { 'Dockerfile': 'FROM haproxy:3.0\nCOPY haproxy.cfg /usr/local/etc/haproxy/haproxy.cfg\nCOPY maps/ /usr/local/etc/haproxy/maps/\n', 'haproxy.cfg': 'global\n', 'maps/hosts.map': 'a b\n' },
    root: 'haproxy.cfg',
    expected: [['/usr/local/etc/haproxy/haproxy.cfg', 'haproxy.cfg'], ['/usr/local/etc/haproxy/maps', 'maps']],
  },
  {
    name: "an overlay copied onto the image's root (a Home Assistant add-on's `COPY rootfs /`)",
    files: { 'addon/Dockerfile': 'ARG BUILD_FROM\nFROM $BUILD_FROM\nRUN apk add --no-cache nginx\nCOPY rootfs /\n', 'addon/rootfs/etc/nginx/nginx.conf': CONF, 'addon/rootfs/etc/nginx/servers/ingress.conf': CONF },
    root: 'addon/rootfs/etc/nginx/nginx.conf',
    expected: [['/', 'addon/rootfs']],
  },
  {
    name: 'a Dockerfile built from another context (`-f docker/Dockerfile .`) names sources its own directory does not hold: nothing',
    files: { 'docker/Dockerfile': 'FROM nginx\nCOPY docker/rootfs /\n', 'docker/rootfs/etc/nginx/nginx.conf': CONF },
    root: 'docker/rootfs/etc/nginx/nginx.conf',
    expected: [],
  },
  {
    name: 'a bind mount hides what the image holds there',
    files: {
      'compose.yaml': 'services:\n  web:\n    build: .\n    volumes:\n      - ./live:/etc/nginx/conf.d:ro\n',
      'Dockerfile': 'FROM nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY baked/ /etc/nginx/conf.d/\n',
      'nginx.conf': CONF,
      'live/a.conf': CONF,
      'baked/b.conf': CONF,
    },
    root: 'nginx.conf',
    expected: [['/etc/nginx/conf.d', 'live'], ['/etc/nginx/nginx.conf', 'nginx.conf']],
  },
  {
    name: 'what is not a tree path: wildcards, variables, heredocs, URLs, --parents, --exclude, an ADDed archive',
    files: {
      'Dockerfile': [
        'FROM nginx',
        'ARG CONF=nginx.conf',
        'COPY nginx.conf /etc/nginx/nginx.conf',
        'COPY *.conf /etc/nginx/conf.d/',
        'COPY $CONF /etc/nginx/other.conf',
        'COPY <<EOF /etc/nginx/conf.d/inline.conf',
        'server {}',
        'EOF',
        'ADD https://example.com/x.conf /etc/nginx/x.conf',
        'COPY --parents sites/ /etc/nginx/',
        'COPY --exclude=*.bak sites/ /etc/nginx/sites-enabled/',
        'ADD sites.tar.gz /etc/nginx/sites-available/',
        'COPY site.conf /etc/nginx/sites',
        '',
      ].join('\n'),
      'nginx.conf': CONF,
      'site.conf': CONF,
      'sites/a.conf': CONF,
      'sites.tar.gz': Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    },
    root: 'nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'nginx.conf']],
  },
  {
    name: 'a source the .dockerignore leaves out of the context is not in the image',
    files: { 'Dockerfile': 'FROM nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY conf.d/ /etc/nginx/conf.d/\nCOPY snippets/ /etc/nginx/snippets/\n', '.dockerignore': 'conf.d/local-*.conf\nsnippets\n', 'nginx.conf': CONF, 'conf.d/local-dev.conf': CONF, 'conf.d/a.conf': CONF, 'snippets/ws.conf': CONF },
    root: 'nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'nginx.conf']],
  },
  {
    name: 'two images that hold the root give one server path different sources: unmapped',
    files: {
      'Dockerfile': 'FROM nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY sites/ /etc/nginx/conf.d/\n',
      'Dockerfile.dev': 'FROM nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY dev/ /etc/nginx/conf.d/\n',
      'nginx.conf': CONF,
      'sites/a.conf': CONF,
      'dev/a.conf': CONF,
    },
    root: 'nginx.conf',
    expected: [['/etc/nginx/nginx.conf', 'nginx.conf']],
  },
  {
    name: 'an image that does not hold the root says nothing about it',
    files: { 'Dockerfile': 'FROM nginx\nCOPY sites/ /etc/nginx/conf.d/\n', 'nginx.conf': CONF, 'sites/a.conf': CONF },
    root: 'nginx.conf',
    expected: [],
  },
];

describe('composeMapping: compose mounts, interpolated, and Dockerfile copies', () => {
  it.each(rows)('$name', ({ files, root, expected }) => {
    const dir = tree(files);
    const cache: ComposeCache = new Map();
    const { map } = composeMapping(path.join(dir, root), [dir], cache);
    const rel = map.map(([s, t]) => [s, path.relative(dir, t)]);
    expect(rel.sort()).toEqual([...expected].sort());
  });

  it('a fragment an image copies is read in the main config it copies beside it', () => {
    const dir = tree({ 'nginx/Dockerfile': 'FROM nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY sites/ /etc/nginx/conf.d/\n', 'nginx/nginx.conf': CONF, 'nginx/sites/a.conf': CONF });
    expect(composeRoots(path.join(dir, 'nginx/sites/a.conf'), [dir], ['nginx.conf'], new Map())).toEqual([path.join(dir, 'nginx/nginx.conf')]);
  });
});
