import { type Admission, type AdmitOptions, OriginGate } from '../../../../src/core/graphql/originGate';

/**
 * The real gate, telling the test of each admission it is asked for (numbered from 1) the moment it
 * is asked: a request the gate cannot let through is in its queue by then, so a test can cancel
 * one that is surely waiting, or one that is surely let through, without guessing at timing.
 */
export class WatchedGate extends OriginGate {
  private calls = 0;

  constructor(
    private readonly onAdmit: (admission: Promise<Admission>, call: number) => void,
    windowMs?: number,
  ) {
    super(undefined, windowMs);
  }

  override admit(origin: string, options?: AdmitOptions): Promise<Admission> {
    const admission = super.admit(origin, options);
    this.onAdmit(admission, ++this.calls);
    return admission;
  }
}
