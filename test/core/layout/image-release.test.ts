/**
 * core/layout/image-release: the release of the image a repository runs its config in. Rows:
 * imageRelease on an image name; then trees (compose files, Dockerfiles) and the release each
 * dialect gets for the config at a path, or {} when the layout does not settle one.
 */
import * as path from 'node:path';
import { imagesHolding, type ComposeCache } from '../../../src/core/layout/compose';
import { imageRelease, imageReleases } from '../../../src/core/layout/image-release';
import { useTempTrees } from '../../support/cli';

const tree = useTempTrees();

describe('imageRelease: a server image with a numeric tag', () => {
  test.each<[string, { dialect: string; version: string } | undefined]>([
    ['nginx:1.27-alpine', { dialect: 'nginx', version: '1.27' }],
    ['nginx:1.25.3', { dialect: 'nginx', version: '1.25.3' }],
    ['docker.io/library/nginx:1.26-bookworm', { dialect: 'nginx', version: '1.26' }],
    ['nginxinc/nginx-unprivileged:1.27', { dialect: 'nginx', version: '1.27' }],
    ['httpd:2.4.62-alpine', { dialect: 'apache', version: '2.4.62' }],
    ['haproxy:2.8', { dialect: 'haproxy', version: '2.8' }],
    ['haproxytech/haproxy-alpine:2.9', { dialect: 'haproxy', version: '2.9' }],
    ['nginx:alpine', undefined],
    ['nginx:latest', undefined],
    ['nginx', undefined],
    ['nginx:${NGINX_VERSION}', undefined],
    ['bitnami/nginx:1.27', undefined],
    ['node:20', undefined],
  ])('%s', (image, expected) => expect(imageRelease(image)).toEqual(expected));
});

describe('the release of the image that holds a config', () => {
  const SITE = 'server { listen 80; }\n';
  test.each<[string, Record<string, string>, string, Record<string, string>]>([
    ['a Dockerfile whose final stage copies the config', { 'Dockerfile': 'FROM nginx:1.27-alpine\nCOPY site.conf /etc/nginx/conf.d/\n', 'site.conf': SITE }, 'site.conf', { nginx: '1.27' }],
    ['the final stage only (a build stage of another image)', { 'Dockerfile': 'FROM nginx:1.25 AS b\nRUN true\nFROM nginx:1.27\nCOPY conf.d/ /etc/nginx/conf.d/\n', 'conf.d/site.conf': SITE }, 'conf.d/site.conf', { nginx: '1.27' }],
    ['FROM --platform names the image after the flag', { 'Dockerfile': 'FROM --platform=linux/amd64 nginx:1.26\nCOPY site.conf /etc/nginx/conf.d/site.conf\n', 'site.conf': SITE }, 'site.conf', { nginx: '1.26' }],
    ['a Dockerfile that does not copy the config says nothing about it', { 'Dockerfile': 'FROM nginx:1.27\nCOPY other.conf /etc/nginx/conf.d/\n', 'other.conf': SITE, 'site.conf': SITE }, 'site.conf', {}],
    ['a tag without a release', { 'Dockerfile': 'FROM nginx:alpine\nCOPY site.conf /etc/nginx/conf.d/\n', 'site.conf': SITE }, 'site.conf', {}],
    ['a compose service that bind-mounts the config runs its image:', { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf:ro\n', 'site.conf': SITE }, 'site.conf', { nginx: '1.27' }],
    ['an image: from .env', { 'compose.yaml': 'services:\n  web:\n    image: nginx:${NGINX_TAG}\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf\n', '.env': 'NGINX_TAG=1.26-alpine\n', 'site.conf': SITE }, 'site.conf', { nginx: '1.26' }],
    ['a built service runs its Dockerfile\'s FROM, its image: only tags it', { 'compose.yaml': 'services:\n  web:\n    build: .\n    image: example/web:9.9\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf\n', 'Dockerfile': 'FROM nginx:1.25\n', 'site.conf': SITE }, 'site.conf', { nginx: '1.25' }],
    ['two services that hold it with different releases: none', { 'compose.yaml': 'services:\n  a:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf\n  b:\n    image: nginx:1.22\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf\n', 'site.conf': SITE }, 'site.conf', {}],
    ['a service that holds it without naming an image: none', { 'compose.yaml': 'services:\n  a:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf\n  b:\n    build:\n      context: https://example.org/repo.git\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf\n', 'site.conf': SITE }, 'site.conf', {}],
  ])('%s', (_name, files, file, expected) => {
    const top = tree(files);
    const cache: ComposeCache = new Map();
    expect(imageReleases(imagesHolding(path.join(top, file), [top], cache))).toEqual(expected);
  });
});
