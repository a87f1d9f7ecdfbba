/**
 * The HAProxy directive: its words' values are kept (every analysis reads them), its raw ranges
 * are a view over the file's span table, made into the flat `spans` array only when something
 * reads them (a reported or fixed line): a 66k-line config held an array of ~10 numbers per line
 * for the garbage collector to copy (issue #13).
 */
import type { Directive, Node, SourceFile } from '../../core/ast';
import type { SpanTable } from '../../core/span-table';

export class HaproxyDirective implements Directive {
  declare readonly type: 'directive';
  /** HAProxy compares keywords as written: the same string as `name`. */
  readonly key: string;
  start: number;
  end: number;
  parent: Directive | null = null;
  private spanList: number[] | undefined = undefined;

  constructor(
    readonly name: string,
    public args: string[],
    readonly file: SourceFile,
    private readonly table: SpanTable,
    /** Index of the name's start in `table`; the words' ranges follow it, one pair per word. */
    private readonly at: number,
  ) {
    this.key = name;
    this.start = table.a[at];
    this.end = table.a[at + 2 * args.length + 1];
  }

  get spans(): number[] {
    let s = this.spanList;
    if (s === undefined) {
      const at = this.at;
      s = Array.from(this.table.a.subarray(at, at + 2 * (this.args.length + 1)));
      this.spanList = s;
    }
    return s;
  }
}

/** A section (`global`, `frontend`, …): a directive whose children are the lines up to the next section keyword. */
export class HaproxySection extends HaproxyDirective {
  children: Node[] = [];
  bodyStart: number;
  bodyEnd: number;

  constructor(name: string, args: string[], file: SourceFile, table: SpanTable, at: number) {
    super(name, args, file, table, at);
    this.bodyStart = this.end;
    this.bodyEnd = this.end;
  }
}
// On the prototype: one field fewer per directive, the same value for all.
(HaproxyDirective.prototype as { type: string }).type = 'directive';
