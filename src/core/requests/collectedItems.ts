/**
 * The items of a Run All Pages run, kept as one JSON text each, in order: the pages themselves are
 * dropped as soon as their items are taken, and a JSON text is several times smaller than the
 * parsed object it came from, so what a run holds grows with its items only.
 */
export class CollectedItems {
  private readonly texts: string[] = [];

  add(items: readonly unknown[]): void {
    for (const item of items) this.texts.push(JSON.stringify(item ?? null));
  }

  get count(): number {
    return this.texts.length;
  }

  /** Each item's JSON text, in order. */
  jsonTexts(): readonly string[] {
    return this.texts;
  }
}

/** The header of the result document: how the run went, above the items. */
export interface AllPagesSummary {
  readonly operation: string;
  readonly end: string;
  readonly pages: number;
  readonly items: number;
  readonly durationMs: number;
  readonly message: string;
  /** Set on a resume whose earlier pages' items were lost with a window reload: what this document leaves out. */
  readonly continues?: string;
}

/** The result document: `{ "runAllPages": {...}, "items": [ ... ] }`, one item per line, for the layout to fold. */
export function allPagesDocumentText(summary: AllPagesSummary, items: readonly string[]): string {
  const head = `{"runAllPages":${JSON.stringify(summary)},"items":[`;
  return items.length ? `${head}\n${items.join(',\n')}\n]}\n` : `${head}]}\n`;
}
