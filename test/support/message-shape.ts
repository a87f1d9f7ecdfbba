/**
 * The shape of a finding's message (issue 10), shared by the rule tester (every invalid case)
 * and the CLI meta-test (every finding on the fixtures and the corpus): one line, one sentence of
 * at most MAX characters, no research labels, no assumed-target note. The why, the evidence and
 * the fix live in the rule's page (`proxylint explain`, docs/rules.md, SARIF help).
 */

import { MAX_MESSAGE, ownWords } from '../../src/core/message';

export { MAX_MESSAGE };

/**
 * The engine's notes (src/core/engine.ts) on a finding that an include it could not read, or the
 * block that includes a fragment (nginx's unknownEnclosure), may decide.
 */
export const UNVERIFIED = / \(unverified: (?:include "[^"]*" at [^)]+ not read|the server block that includes this file is not in the tree)\)$/;

const LABEL = /\b(NGX|SQD|APX|APA|HTD|HAP)-[A-Z0-9-]{3,}\b/;

/** What is wrong with a message's shape, or undefined when it is one short sentence. */
export function messageShapeProblem(message: string): string | undefined {
  if (/\n/.test(message)) return 'more than one line';
  if (LABEL.test(message)) return 'a research label (NGX-…) the package does not ship';
  if (/\(assumed: /.test(message)) return 'an assumed-target note (said once per run instead)';
  // Quoted config text (an include path, a header value) and a location's pattern are the
  // user's text, not the sentence's length (core/message); so is the engine's note.
  const own = ownWords(message.replace(UNVERIFIED, ''));
  if (own.length > MAX_MESSAGE) return `longer than ${MAX_MESSAGE} characters (${own.length})`;
  const body = own.replace(/\.$/, '');
  if (/; /.test(body)) return 'more than one clause joined by "; "';
  if (/[.!?]\s+[A-Z]/.test(body)) return 'more than one sentence';
  return undefined;
}
