import { COMPACT_WIDTH, layoutJson } from './jsonLayout';
import { RESPONSE_VIEW_LIMITS, type ShownLimits } from './responseDocument';

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

/**
 * The result document: `{ "runAllPages": {...}, "items": [ ... ] }`, one item per line, for the
 * layout to fold. A run too large for the response view to show whole (the view would cut it and
 * show only its start, as plain text) gives the first and the last items that fit instead, with
 * how many were left out between them: `"items"` holds the first, `"lastItems"` the last, and
 * `"itemsShown"` says so. Export still writes every item.
 */
export function allPagesDocumentText(summary: AllPagesSummary, items: readonly string[], limits: ShownLimits = RESPONSE_VIEW_LIMITS): string {
  const head = `{"runAllPages":${JSON.stringify(summary)},`;
  const list = (part: readonly string[]) => (part.length ? `[\n${part.join(',\n')}\n]` : '[]');
  const budget = { chars: limits.chars * SHARE_OF_LIMITS, lines: limits.lines * SHARE_OF_LIMITS };
  if (itemsWithin(items, 0, 1, budget, mostShown) === items.length || itemsWithin(items, 0, 1, budget, compactEstimate(items)) === items.length) {
    return `${head}"items":${list(items)}}\n`;
  }
  // What is shown of a longer run is reckoned by the bound, so the view shows it whole whatever the items' shapes.
  const half = { chars: budget.chars / 2, lines: budget.lines / 2 };
  const shownFirst = itemsWithin(items, 0, 1, half, mostShown);
  const shownLast = itemsWithin(items, items.length - 1, -1, half, mostShown);
  const left = items.length - shownFirst - shownLast;
  const count = (value: number) => value.toLocaleString('en-US');
  const note = `The first ${count(shownFirst)} and the last ${count(shownLast)} of ${count(items.length)} items; the ${count(left)} between them are too many for this view. Export writes every item.`;
  return `${head}"itemsShown":${JSON.stringify(note)},"items":${list(items.slice(0, shownFirst))},"itemsLeftOut":${left},"lastItems":${list(items.slice(items.length - shownLast))}}\n`;
}

/** What of the view's limits the items may take; the rest is for the summary and the note. */
const SHARE_OF_LIMITS = 0.8;
const SAMPLE_ITEMS = 50;
/** Room for later items that break into more lines than the sampled ones. */
const SAMPLE_MARGIN = 1.25;

/** The characters and lines an item takes once laid out in the view. */
interface ShownSize {
  readonly chars: number;
  readonly lines: number;
}

/**
 * How many items, from `start` going `step` (1 or -1), fit in `budget`, each taking `sizeOf`.
 * Counting stops at the budget, so a huge run costs no more than what is shown.
 */
function itemsWithin(items: readonly string[], start: number, step: 1 | -1, budget: ShownSize, sizeOf: (item: string) => ShownSize): number {
  let chars = 0;
  let lines = 0;
  let taken = 0;
  for (let index = start; index >= 0 && index < items.length; index += step) {
    const size = sizeOf(items[index]);
    chars += size.chars;
    lines += size.lines;
    if (chars > budget.chars || lines > budget.lines) break;
    taken++;
  }
  return taken;
}

/**
 * The most an item can take in either layout. Both break lines only at commas and brackets (the
 * compact one at fewer of them), and indent each line by two spaces a level, a level being at most
 * one per opening bracket, two more for where the items sit; a key adds one space after its colon.
 */
function mostShown(item: string): ShownSize {
  let breaks = 0;
  let opens = 0;
  for (let index = 0; index < item.length; index++) {
    const code = item.charCodeAt(index);
    // , ] }   and   [ {
    if (code === 44 || code === 93 || code === 125) breaks++;
    else if (code === 91 || code === 123) opens++;
  }
  const lines = 1 + breaks + opens;
  return { chars: item.length + 2 + lines * (2 * (opens + 2) + 1), lines };
}

/**
 * What each item takes in the compact layout, going by the first items laid out as the view lays
 * them: an estimate, for a run the bound would cut though the view could show it whole (10,000
 * sandbox cards are 100,000 lines compact, 210,000 by the bound).
 */
function compactEstimate(items: readonly string[]): (item: string) => ShownSize {
  const sample = items.slice(0, SAMPLE_ITEMS);
  const laid = layoutJson(`[${sample.join(',')}]`, { width: COMPACT_WIDTH - 2 });
  if (!laid || !sample.length) return mostShown;
  // At least a line each: in a list too long for one line, the layout puts every item on a line of its own.
  const lines = Math.max(1, ((laid.split('\n').length - 2) / sample.length) * SAMPLE_MARGIN);
  const charsPerItemChar = (laid.length / Math.max(1, sample.reduce((sum, item) => sum + item.length, 0))) * SAMPLE_MARGIN;
  return (item) => ({ chars: item.length * charsPerItemChar + 2, lines });
}
