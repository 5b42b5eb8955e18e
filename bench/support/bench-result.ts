/** A target a figure is held to, e.g. `{ op: '<=', value: 2, text: '≤ 2 s' }`. */
export interface Target {
  op: '<=' | '<' | '>=' | '>';
  value: number;
  text: string;
}

/** One line of the final table. */
export interface Row {
  suite: string;
  measure: string;
  value: number;
  unit: string;
  target?: Target;
  /** Whether the value meets the target; undefined when there is none. */
  met?: boolean;
  note?: string;
}

/** What one benchmark process reports: its table rows plus whatever detail is worth keeping in JSON. */
export interface SuiteResult {
  suite: string;
  rows: Row[];
  details: Record<string, unknown>;
  /** Peak resident set size of the benchmark process, in MB. */
  peakRssMb: number;
  durationS: number;
  /** 1-minute load average of the machine before and after the suite (set by run.ts). */
  loadAverage1m?: { before: number; after: number };
}

export function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '<=':
      return value <= target.value;
    case '<':
      return value < target.value;
    case '>=':
      return value >= target.value;
    case '>':
      return value > target.value;
  }
}

/** A row, with `met` computed from its target. */
export function row(suite: string, measure: string, value: number, unit: string, target?: Target, note?: string): Row {
  const result: Row = { suite, measure, value, unit };
  if (target) Object.assign(result, { target, met: meets(value, target) });
  if (note) result.note = note;
  return result;
}
