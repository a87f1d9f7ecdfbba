/** XML text and attribute escaping for the XML reports (checkstyle, junit). */
import { redact } from '../core/redact';

// Characters XML 1.0 cannot carry at all (controls other than tab, LF, CR; lone surrogates; FFFE/FFFF).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Allowed in XML but acted on by terminals that show the report: written as character references.
// eslint-disable-next-line no-control-regex
const TERMINAL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text and attribute escaping; credentials are masked first (redact), as in every format. */
export function xmlEscape(s: string): string {
  return redact(s)
    .replace(INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;')
    .replace(TERMINAL, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}
