/**
 * A comment whose text is read from its file when asked (the text after `#` up to `end`): a
 * stock squid.conf is 8,694 comments that no rule reads, and a string each was most of what its
 * parse allocated (issue #13).
 */
import type { Comment, Directive, SourceFile } from './ast';

export class FileComment implements Comment {
  declare readonly type: 'comment';

  constructor(
    /** Offset of the `#`. */
    readonly start: number,
    readonly end: number,
    readonly file: SourceFile,
    public parent: Directive | null,
  ) {}

  get text(): string {
    return this.file.text.slice(this.start + 1, this.end);
  }
}
// On the prototype: one field fewer per comment, the same value for all.
(FileComment.prototype as { type: string }).type = 'comment';
