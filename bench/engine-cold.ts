/**
 * One cold run for bench/engine.ts, in a fresh process (as right after a publish or a deploy):
 * `node --import tsx bench/engine-cold.ts <ours|engine> <targets> <rules> <selections>` prints one
 * JSON line with the wall and CPU time of each selection. The data is generated before timing
 * starts; the rule set is compiled (ours) or built (json-logic-engine) inside the first selection,
 * as a server does on its first request after a publish. Each selection is a distinct source.
 */
import { LogicEngine } from "json-logic-engine";
import { performance } from "node:perf_hooks";
import { compileRuleSet, sourceContexts, targetContexts, type CompiledRuleSet } from "../src/server/engine/index";
import { TargetBatch } from "../src/server/engine/batch";
import { verdictOf } from "../src/server/engine/semantics";
import { makeWorkloadRules, makeWorkloadSources, makeWorkloadTargets } from "./engine-workload";

const [which = "ours", targetCount = "10000", ruleCount = "100", selectionCount = "20"] = process.argv.slice(2);
const rules = makeWorkloadRules(11, Number(ruleCount));
const sources = sourceContexts(makeWorkloadSources(12, Number(selectionCount)));
const targets = targetContexts(makeWorkloadTargets(13, Number(targetCount)));
const required = rules.map((r) => r.required);

const times: { wall: number; cpu: number; checksum: number }[] = [];
let compiled: CompiledRuleSet | null = null;
let built: ((data: unknown) => unknown)[] | null = null;
const engine = new LogicEngine();

for (const source of sources) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let checksum = 0;
  if (which === "ours") {
    compiled ??= compileRuleSet(rules);
    const batch = new TargetBatch(compiled, { targets }, { mode: (process.env.COLD_MODE as "kernel" | "interpret") ?? "kernel", unknownRequired: "partial" });
    batch.run(source);
    for (let i = 0; i < batch.n; i++) checksum += batch.verdict[i]!;
  } else {
    built ??= rules.map((r) => engine.build(r.logic) as (data: unknown) => unknown);
    // The same output as ours: a status per rule (unknown when a read var is missing is left out
    // in json-logic-engine's favour) and a verdict per target.
    const ctx = { source, target: {} as Record<string, unknown> };
    for (let i = 0; i < targets.length; i++) {
      ctx.target = targets[i]!;
      let fail = 0, notPassing = 0;
      for (let r = 0; r < built.length; r++) {
        if (!engine.truthy(built[r]!(ctx))) {
          notPassing++;
          if (required[r]) fail++;
        }
      }
      checksum += verdictOf(fail, 0, notPassing, false);
    }
  }
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  times.push({ wall, cpu: (used.user + used.system) / 1000, checksum });
}
console.log(JSON.stringify(times));
