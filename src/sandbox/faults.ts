import type { Random } from './random.js';
import type { ActiveRule, FaultRule } from './types.js';

/** The emulator's fault rules: added, removed, and picked for each request (EmulatorServer's fault injection). */
export class FaultTable {
  private rules: ActiveRule[] = [];
  private nextRuleId = 1;

  constructor(private readonly random: Random) {}

  /** Adds a fault rule; returns its id (for `removeFault`). */
  add(rule: FaultRule): number {
    const id = this.nextRuleId++;
    this.rules.push({ ...rule, id, remaining: rule.times ?? Number.POSITIVE_INFINITY, skipped: 0 });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  get active(): readonly ActiveRule[] {
    return this.rules;
  }

  /**
   * Matching rules for one request: every latency rule, plus at most one terminal fault (error, reset, …)
   * per phase. Only rules that apply use up their `times`.
   */
  pick(routeKey: string, rawBody = ''): ActiveRule[] {
    const picked: ActiveRule[] = [];
    const terminal = new Set<string>();
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.route && rule.route !== routeKey && !routeKey.includes(rule.route)) continue;
      if (rule.methods && !rule.methods.some((m) => routeKey.startsWith(`${m} `))) continue;
      if (rule.unlessRoute && routeKey.includes(rule.unlessRoute)) continue;
      if (rule.unlessBody && rawBody.includes(rule.unlessBody)) continue;
      if (rule.skipped < (rule.skip ?? 0)) {
        rule.skipped += 1;
        continue;
      }
      const phase = rule.phase ?? 'before';
      if (rule.kind !== 'latency' && terminal.has(phase)) continue;
      if ((rule.probability ?? 1) < 1 && this.random.next() >= (rule.probability ?? 1)) continue;
      if (rule.kind !== 'latency') terminal.add(phase);
      rule.remaining -= 1;
      picked.push(rule);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return picked;
  }
}
