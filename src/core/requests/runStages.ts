/**
 * Where the time of one run of a saved request goes, from the moment the command starts to the
 * response on screen. The log says it after each run, so a slow large response can be traced to
 * its stage, and `npm run bench` reads the same line back.
 */
export const RUN_STAGES = {
  /** Sending the request and receiving the whole body (the runner's own figure). */
  transfer: 'transfer',
  /** The rest of the runner's work: the token from its cache, JSON.parse and the GraphQL errors. */
  errors: 'errors',
  /** Laying the body out for the view. */
  layout: 'layout',
  /** From asking the workbench to open the response until it asks the extension for the text. */
  document: 'document',
  /** The text carried to the workbench, its model made and the editor opened on it. */
  editor: 'editor',
  /** The summary, the lenses' headline and the notification, until the notification is asked for. */
  notification: 'notification',
} as const;

export type RunStage = keyof typeof RUN_STAGES;
export type RunStageTimes = Readonly<Record<RunStage, number>>;

const ORDER = Object.keys(RUN_STAGES) as RunStage[];
const PREFIX = 'stages:';

/** `stages: transfer 812 ms · errors 90 ms · layout 210 ms · …` (whole milliseconds). */
export function describeRunStages(times: RunStageTimes): string {
  return `${PREFIX} ${ORDER.map((stage) => `${stage} ${Math.round(times[stage])} ms`).join(' · ')}`;
}

/** The stage times in a line that `describeRunStages` wrote, or undefined if the line has none. */
export function parseRunStages(line: string): RunStageTimes | undefined {
  const at = line.indexOf(PREFIX);
  if (at < 0) return undefined;
  const found: Partial<Record<RunStage, number>> = {};
  for (const match of line.slice(at + PREFIX.length).matchAll(/(\w+) (\d+) ms/g)) {
    if (match[1] in RUN_STAGES) found[match[1] as RunStage] = Number(match[2]);
  }
  return ORDER.every((stage) => found[stage] !== undefined) ? (found as RunStageTimes) : undefined;
}

/** Times consecutive stages with one clock: each call ends the named stage and starts the next. */
export class StageClock {
  private last: number;
  private readonly times: Partial<Record<RunStage, number>> = {};

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  /** Ends `stage` now; `part` of it, if given, is counted under `partStage` instead. */
  end(stage: RunStage, part?: { stage: RunStage; ms: number }): void {
    const now = this.now();
    const elapsed = now - this.last;
    this.last = now;
    if (part) {
      const share = Math.min(part.ms, elapsed);
      this.times[part.stage] = (this.times[part.stage] ?? 0) + share;
      this.times[stage] = (this.times[stage] ?? 0) + elapsed - share;
    } else this.times[stage] = (this.times[stage] ?? 0) + elapsed;
  }

  /** Every stage, 0 for one that did not run. */
  result(): RunStageTimes {
    return Object.fromEntries(ORDER.map((stage) => [stage, this.times[stage] ?? 0])) as RunStageTimes;
  }
}
