import type { CollectedItems } from './collectedItems';

/** A finished Run All Pages run whose items can still be exported. */
export interface AllPagesRecord {
  readonly operationLabel: string;
  readonly responseUri: string;
  readonly items: CollectedItems;
  /** Where the request file is, for the export's default folder. */
  readonly requestUri: string;
}

/** Runs whose items are held for Export: a few at most, since each may hold 10,000 items. */
const MAX_KEPT = 3;

/** The items of the last few runs, newest last; older ones are dropped, so memory stays bounded. */
export class AllPagesResults {
  private readonly records: AllPagesRecord[] = [];

  add(record: AllPagesRecord): void {
    this.records.push(record);
    if (this.records.length > MAX_KEPT) this.records.shift();
  }

  /** The run shown in `responseUri` if it is still held, else the newest. */
  pick(responseUri: string | undefined): AllPagesRecord | undefined {
    return this.records.find((record) => record.responseUri === responseUri) ?? this.records.at(-1);
  }
}
