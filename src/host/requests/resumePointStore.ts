import type * as vscode from 'vscode';
import { RESUME_POINTS_KEY, type ResumePoint, readResumePoints, withResumePoint, withoutResumePoint } from '../../core/requests/allPagesResume';
import type { Log } from '../log';

/**
 * Where Run All Pages runs can be resumed from, in the workspace's state so that a run cut short
 * by a window reload can go on. The last point written wins.
 */
export class ResumePointStore {
  /** Runs going now in this window, by run id: not offered for resume until they end. */
  readonly running = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {}

  all(): ResumePoint[] {
    return readResumePoints(this.state.get(RESUME_POINTS_KEY));
  }

  save(point: ResumePoint): Promise<void> {
    return this.write((points) => withResumePoint(points, point));
  }

  drop(operationKey: string): Promise<void> {
    return this.write((points) => withoutResumePoint(points, operationKey));
  }

  /**
   * The memento takes the new value at once and writes it out in the background, so writes made one
   * after another land in that order without waiting for each other. A point not written costs only
   * the resume, never the run: the failure is logged, not thrown.
   */
  private write(change: (points: readonly ResumePoint[]) => ResumePoint[]): Promise<void> {
    return Promise.resolve(this.state.update(RESUME_POINTS_KEY, change(this.all()))).then(undefined, (error: unknown) =>
      this.log.error('The point to resume Run All Pages from could not be saved', error),
    );
  }
}
