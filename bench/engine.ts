/**
 * Engine benchmark (docs/limits.md): Finder 1 source × 10,000 targets × 100 rules against json-logic-js
 * and json-logic-engine (interpreted and compiled), and the 1,000 × 1,000 × 20 matrix.
 * Run: `npx tsx bench/engine.ts`.
 */
import { LogicEngine } from "json-logic-engine";
import os from "node:os";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { compileRuleSet, evaluateMatrix, evaluateSelection, parseDevicePolicy, sourceContexts, targetContexts } from "../src/server/engine/index";
import { PairEvaluator } from "../src/server/engine/pair";
import { STATUS } from "../src/server/engine/status";
import { referenceApply, truthy } from "../src/server/engine/reference";
import { makeRules, makeSources, makeTargets } from "./engine-fixtures";

const FINDER_TARGETS = 10_000;
const FINDER_RULES = 100;
const MATRIX_SOURCES = 1_000;
const MATRIX_TARGETS = 1_000;
const MATRIX_RULES = 20;

const BUDGET_VS_JSON_LOGIC_JS = 50;
const BUDGET_VS_ENGINE_COMPILED = 1.5;
const BUDGET_MATRIX_MS = 1_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU time (all threads of this process) of the last `time` call's median run, in ms. */
let lastCpuMs = 0;

/**
 * Runs `fn` `warmup` times untimed, then `iterations` times; returns the median wall time in ms
 * and leaves the median CPU time in `lastCpuMs` (on a shared machine wall time includes waiting).
 */
function time(fn: () => void, warmup: number, iterations: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const runs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  lastCpuMs = median(cpu);
  return median(runs);
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs the engine benchmark and returns printable lines (the last ones state whether budgets were met). */
export async function runEngineBench(): Promise<string[]> {
  const lines: string[] = [];
  const rules = makeRules(1, FINDER_RULES);
  const [source] = makeSources(2, 1);
  const targets = makeTargets(3, FINDER_TARGETS);
  // Every engine gets the same contexts, built the way the engine builds them (one shared shape).
  const [sourceCtx] = sourceContexts([source!]);
  const contexts = targetContexts(targets).map((target) => ({ source: sourceCtx!, target }));
  const evaluations = FINDER_TARGETS * FINDER_RULES;

  // Reference answers: json-logic-js truthiness for every (target, rule).
  const expected = new Uint8Array(evaluations);
  const jsonLogicJs = time(
    () => {
      for (let t = 0; t < contexts.length; t++) {
        const ctx = contexts[t]!;
        for (let r = 0; r < rules.length; r++) expected[t * FINDER_RULES + r] = truthy(referenceApply(rules[r]!.logic, ctx)) ? 1 : 0;
      }
    },
    1,
    3,
  );
  const jsonLogicJsCpu = lastCpuMs;

  const engine = new LogicEngine();
  const engineAnswers = new Uint8Array(evaluations);
  const engineInterpreted = time(
    () => {
      for (let t = 0; t < contexts.length; t++) {
        const ctx = contexts[t]!;
        for (let r = 0; r < rules.length; r++) engineAnswers[t * FINDER_RULES + r] = engine.truthy(engine.run(rules[r]!.logic, ctx)) ? 1 : 0;
      }
    },
    2,
    5,
  );
  const engineInterpretedCpu = lastCpuMs;
  const engineInterpretedMismatches = countMismatches(expected, engineAnswers);

  const built = rules.map((r) => engine.build(r.logic) as (data: unknown) => unknown);
  const engineCompiled = time(
    () => {
      for (let t = 0; t < contexts.length; t++) {
        const ctx = contexts[t]!;
        for (let r = 0; r < built.length; r++) engineAnswers[t * FINDER_RULES + r] = engine.truthy(built[r]!(ctx)) ? 1 : 0;
      }
    },
    3,
    9,
  );
  const engineCompiledCpu = lastCpuMs;
  const engineCompiledMismatches = countMismatches(expected, engineAnswers);

  // Ours: compile once per revision (outside the timing, like json-logic-engine's build); per
  // selection, fold the source in, generate code, and evaluate statuses and verdicts per target.
  const compiled = compileRuleSet(rules);
  const ours = new Uint8Array(evaluations);
  const verdicts = new Uint8Array(FINDER_TARGETS);
  const oursIn = (mode: "shared" | "codegen") =>
    time(
      () => {
        const pe = new PairEvaluator(compiled, sourceCtx!, mode, "partial");
        for (let t = 0; t < contexts.length; t++) verdicts[t] = pe.run(contexts[t]!);
      },
      3,
      9,
    );
  const oursMs = oursIn("shared");
  const oursCpu = lastCpuMs;
  const oursCodegenMs = oursIn("codegen");
  const oursCodegenCpu = lastCpuMs;
  // The statuses behind those verdicts, collected untimed.
  const pe = new PairEvaluator(compiled, sourceCtx!, "shared", "partial");
  for (let t = 0; t < contexts.length; t++) {
    pe.run(contexts[t]!);
    for (let r = 0; r < FINDER_RULES; r++) ours[t * FINDER_RULES + r] = pe.status[r] === STATUS.PASS ? 1 : 0;
  }
  const oursMismatches = countMismatches(expected, ours);
  const devicePolicy = parseDevicePolicy({});
  const fullSelection = time(
    () =>
      evaluateSelection({
        compiled,
        overrides: [],
        sources: [source!],
        targets,
        selectionPolicy: { aggregate: "worst" },
        devicePolicy,
        messaging: { headline0: "", headline1: "", headline2: "" },
        page: 1,
      }),
    2,
    7,
  );
  const fullSelectionCpu = lastCpuMs;

  const perSec = (ms: number) => fmt((evaluations / ms) * 1000, 0);
  lines.push(`engine: finder — 1 source × ${FINDER_TARGETS.toLocaleString("en-US")} targets × ${FINDER_RULES} rules (${evaluations.toLocaleString("en-US")} rule evaluations), median ms`);
  const row = (name: string, wall: number, cpu: number, note = "") =>
    `  ${name.padEnd(30)} ${fmt(wall, 2).padStart(9)} ms wall ${fmt(cpu, 2).padStart(9)} ms CPU   ${perSec(cpu).padStart(12)} rules/s (CPU)${note}`;
  lines.push(row("json-logic-js apply", jsonLogicJs, jsonLogicJsCpu));
  lines.push(row("json-logic-engine interpreted", engineInterpreted, engineInterpretedCpu, `   ${engineInterpretedMismatches} answers differ from json-logic-js`));
  lines.push(row("json-logic-engine compiled", engineCompiled, engineCompiledCpu, `   ${engineCompiledMismatches} answers differ from json-logic-js`));
  lines.push(row("ours", oursMs, oursCpu, `   ${oursMismatches} answers differ from json-logic-js`));
  lines.push("    (ours = fold the source, settle constant rules, shared generated code for the rest, statuses and verdicts per target)");
  lines.push(`  ours, variant: code generated per selection from the folded rules: ${fmt(oursCodegenMs, 2)} ms wall, ${fmt(oursCodegenCpu, 2)} ms CPU`);
  lines.push(`  ours, whole evaluateSelection (contexts, sort, page of 50 with explanations): ${fmt(fullSelection, 2)} ms wall, ${fmt(fullSelectionCpu, 2)} ms CPU`);
  const ratios = (label: string, js: number, interp: number, compiled: number, mine: number) =>
    `  ratios (${label}): ${fmt(js / mine)}× json-logic-js, ${fmt(interp / mine)}× json-logic-engine interpreted, ${fmt(compiled / mine)}× json-logic-engine compiled`;
  lines.push(ratios("wall", jsonLogicJs, engineInterpreted, engineCompiled, oursMs));
  lines.push(ratios("CPU", jsonLogicJsCpu, engineInterpretedCpu, engineCompiledCpu, oursCpu));
  // On a machine busier than its CPU count, wall time mostly measures waiting: judge by CPU time.
  const busy = os.loadavg()[0]! > os.cpus().length;
  const vsJs = busy ? jsonLogicJsCpu / oursCpu : jsonLogicJs / oursMs;
  const vsCompiled = busy ? engineCompiledCpu / oursCpu : engineCompiled / oursMs;

  const matrixRules = compileRuleSet(makeRules(4, MATRIX_RULES));
  const matrixSources = makeSources(5, MATRIX_SOURCES);
  const matrixTargets = makeTargets(6, MATRIX_TARGETS);
  const matrixPolicy = parseDevicePolicy({}, "matrix");
  const shared = time(() => evaluateMatrix({ compiled: matrixRules, overrides: [], sources: matrixSources, targets: matrixTargets, devicePolicy: matrixPolicy }), 1, 5);
  const matrixCpu = lastCpuMs;
  lines.push(`engine: matrix — ${MATRIX_SOURCES.toLocaleString("en-US")} sources × ${MATRIX_TARGETS.toLocaleString("en-US")} targets × ${MATRIX_RULES} rules, median ms`);
  lines.push(`  evaluateMatrix ${fmt(shared)} ms wall, ${fmt(matrixCpu)} ms CPU (${fmt((MATRIX_SOURCES * MATRIX_TARGETS) / shared / 1000, 2)} M cells/s)`);

  const checks: [string, boolean][] = [
    [`≥ ${BUDGET_VS_JSON_LOGIC_JS}× json-logic-js`, vsJs >= BUDGET_VS_JSON_LOGIC_JS],
    [`≥ ${BUDGET_VS_ENGINE_COMPILED}× json-logic-engine compiled`, vsCompiled >= BUDGET_VS_ENGINE_COMPILED],
    ["0 mismatches with json-logic-js", oursMismatches === 0],
    [`matrix < ${BUDGET_MATRIX_MS} ms`, (busy ? matrixCpu : shared) < BUDGET_MATRIX_MS],
  ];
  lines.push(`engine: machine load ${fmt(os.loadavg()[0]!, 2)} on ${os.cpus().length} CPUs${busy ? " — busy: wall times include waiting for other processes" : ""}`);
  lines.push(`engine budgets (${busy ? "CPU time: machine busy" : "wall time"}): ${checks.map(([name, ok]) => `${ok ? "PASS" : "FAIL"} ${name}`).join("; ")}`);
  return lines;
}

function countMismatches(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runEngineBench()) console.log(line);
}
