import type { EarlierCount } from './allPagesResume';
import type { CollectedItems } from './collectedItems';

/** A finished Run All Pages run whose items can still be exported. */
export interface AllPagesRecord {
  readonly operationLabel: string;
  readonly responseUri: string;
  readonly items: CollectedItems;
  /** Where the request file is, for the export's default folder. */
  readonly requestUri: string;
  /** The run, kept across its resumes: a resume in this window appends to these same items. */
  readonly runId: string;
  /** Pages and items taken before a window reload, which `items` does not hold. */
  readonly notHeld?: EarlierCount;
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

  /** The newest record of run `runId`, while its items are held. */
  byRun(runId: string): AllPagesRecord | undefined {
    return [...this.records].reverse().find((record) => record.runId === runId);
  }

  /** The run shown in `responseUri` if it is still held, else the newest. */
  pick(responseUri: string | undefined): AllPagesRecord | undefined {
    return this.records.find((record) => record.responseUri === responseUri) ?? this.records.at(-1);
  }
}
