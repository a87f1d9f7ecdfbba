/**
 * The length rule of a finding's message (issue 10): one sentence of at most MAX_MESSAGE
 * characters. Quoted config text and a location's pattern are the user's text, not the
 * sentence's: they do not count past 40 characters. test/support/message-shape.ts checks every
 * message with the same measure; rules whose messages name the user's proxies, locations and
 * files pick the first wording that fits.
 */
export const MAX_MESSAGE = 120;

/** The message with long quoted text and long location patterns as `…`: the sentence the rule measures. */
export function ownWords(message: string): string {
  return message.replace(/"[^"]{40,}"/g, '"…"').replace(/location (?:[=~^*]+ )?\S{40,}/g, 'location …');
}

export function messageLength(message: string): number {
  return ownWords(message).length;
}

/** The first wording that fits, or the last (the shortest) when none does. */
export function fitMessage(...wordings: string[]): string {
  return wordings.find((m) => messageLength(m) <= MAX_MESSAGE) ?? wordings[wordings.length - 1];
}
