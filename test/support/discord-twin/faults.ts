import type { FailRestOptions } from './types';

/** A fault to apply to one request: instead of handling it, or (`afterStore`) after handling it. */
export interface Fault {
  status: FailRestOptions['status'];
  afterStore: boolean;
}

export interface FaultInjector {
  add(options: FailRestOptions): void;
  clear(): void;
  /** The fault to apply to this request, consuming one use of it; undefined when the request goes through. */
  takeFault(path: string): Fault | undefined;
  /** takeFault's status alone. */
  take(path: string): FailRestOptions['status'] | undefined;
}

interface FaultRule {
  status: FailRestOptions['status'];
  afterStore: boolean;
  remaining: number;
  until: number;
  match: RegExp | undefined;
}

export function createFaultInjector(now: () => number): FaultInjector {
  let rules: FaultRule[] = [];
  return {
    add({ status, count, untilMs, match, afterStore }) {
      const remaining = count ?? (untilMs === undefined ? 1 : Number.POSITIVE_INFINITY);
      const until = untilMs === undefined ? Number.POSITIVE_INFINITY : now() + untilMs;
      rules.push({ status, remaining, until, match, afterStore: afterStore === true });
    },
    clear() {
      rules = [];
    },
    take(path) {
      return this.takeFault(path)?.status;
    },
    takeFault(path) {
      rules = rules.filter((rule) => rule.remaining > 0 && now() < rule.until);
      const rule = rules.find((candidate) => {
        if (candidate.match) candidate.match.lastIndex = 0; // a /g pattern would otherwise remember its last match
        return !candidate.match || candidate.match.test(path);
      });
      if (!rule) return undefined;
      rule.remaining -= 1;
      return { status: rule.status, afterStore: rule.afterStore };
    },
  };
}
