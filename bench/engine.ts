/**
 * Engine benchmark (docs/limits.md, docs/engine.md "Performance"): this
 * engine against json-logic-js and json-logic-engine (compiled with `build`), in one process, CPU
 * and wall time, on
 * - the fixtures (bench/engine-fixtures.ts: 1 source × 10,000 targets × 100 rules, many of which
 *   fold to constants) and a generated workload where ≥ 90 % of the rules stay active after folding
 *   (bench/engine-workload.ts) — warm: the same selection repeated;
 * - cold: a fresh child process per engine (bench/engine-cold.ts), the first 20 distinct selections
 *   each timed, rule compilation inside the first, as after a publish;
 * - 1,000 targets × 20 rules as a fresh request (a fresh child process again);
 * - the matrix 1,000 sources × 1,000 targets × 20 rules.
 * Every engine gets the same pre-built contexts. Answers are compared with json-logic-js.
 * Run: `npm run bench -- engine` or `npx tsx bench/engine.ts`.
 */
import { LogicEngine } from "json-logic-engine";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { compileRuleSet, evaluateMatrix, evaluateSelection, parseDevicePolicy, sourceContexts, targetContexts, type RuleSpec, type SourceRecord, type TargetRecord } from "../src/server/engine/index";
import { TargetBatch } from "../src/server/engine/batch";
import { prepareRule } from "../src/server/engine/prepare";
import { referenceApply, truthy } from "../src/server/engine/reference";
import { verdictOf } from "../src/server/engine/semantics";
import { STATUS } from "../src/server/engine/status";
import { makeRules, makeSources, makeTargets } from "./engine-fixtures";
import { makeWorkloadRules, makeWorkloadSources, makeWorkloadTargets } from "./engine-workload";

const GOALS = { warmVsJs: 100, warmVsEngine: 3, coldVsEngine: 1.5, matrixVsEngine: 3 };
/** Warm means the steady state: both compiled engines run this many times untimed, then are timed this many times (median). */
const WARM_UP = 10;
const WARM_RUNS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Timing {
  wall: number;
  cpu: number;
  /** 1-minute load average when the measurement ended. */
  load: number;
}

/** Runs `fn` `warmup` times untimed, then `iterations` times; medians of wall and CPU time (ms). */
function time(fn: () => void, warmup: number, iterations: number): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu), load: os.loadavg()[0]! };
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (name: string, t: Timing, note = "") => `  ${name.padEnd(42)} ${fmt(t.wall, 2).padStart(10)} ms wall ${fmt(t.cpu, 2).padStart(10)} ms CPU   load ${fmt(t.load, 2)}${note}`;
const ratio = (theirs: Timing, ours: Timing) => `${fmt(theirs.cpu / ours.cpu)}× CPU, ${fmt(theirs.wall / ours.wall)}× wall`;

interface FinderResult {
  vsJs: number;
  vsEngine: number;
  mismatches: number;
}

/** One selection × many targets × many rules: statuses and verdicts per target, warm. */
function finder(lines: string[], title: string, rules: RuleSpec[], source: SourceRecord, targets: TargetRecord[]): FinderResult {
  const [sourceCtx] = sourceContexts([source]);
  const targetCtx = targetContexts(targets);
  const contexts = targetCtx.map((target) => ({ source: sourceCtx!, target }));
  const R = rules.length;
  const n = targets.length;
  const required = rules.map((r) => r.required);

  const expected = new Uint8Array(n * R);
  const js = time(
    () => {
      for (let t = 0; t < n; t++) for (let r = 0; r < R; r++) expected[t * R + r] = truthy(referenceApply(rules[r]!.logic, contexts[t])) ? 1 : 0;
    },
    1,
    3,
  );

  const engine = new LogicEngine();
  const built = rules.map((r) => engine.build(r.logic) as (data: unknown) => unknown);
  const theirs = new Uint8Array(n * R);
  const verdicts = new Uint8Array(n);
  const jle = time(
    () => {
      for (let t = 0; t < n; t++) {
        const ctx = contexts[t];
        let fail = 0, notPassing = 0;
        for (let r = 0; r < R; r++) {
          const pass = engine.truthy(built[r]!(ctx)) ? 1 : 0;
          theirs[t * R + r] = pass;
          if (!pass) {
            notPassing++;
            if (required[r]) fail++;
          }
        }
        verdicts[t] = verdictOf(fail, 0, notPassing, false);
      }
    },
    WARM_UP,
    WARM_RUNS,
  );

  const compiled = compileRuleSet(rules);
  const active = compiled.rules.filter((r) => prepareRule(r, sourceCtx).status === -1).length;
  const ours = time(
    () => {
      const batch = new TargetBatch(compiled, { targets: targetCtx }, { mode: "kernel", unknownRequired: "partial" });
      batch.run(sourceCtx);
      verdicts.set(batch.verdict);
    },
    WARM_UP,
    WARM_RUNS,
  );
  const batch = new TargetBatch(compiled, { targets: targetCtx }, { mode: "kernel", unknownRequired: "partial" });
  batch.run(sourceCtx);
  let mismatches = 0, engineMismatches = 0;
  for (let t = 0; t < n; t++) {
    for (let r = 0; r < R; r++) {
      if ((batch.statusOf(t, r) === STATUS.PASS ? 1 : 0) !== expected[t * R + r]) mismatches++;
      if (theirs[t * R + r] !== expected[t * R + r]) engineMismatches++;
    }
  }
  const full = time(
    () =>
      evaluateSelection({
        compiled,
        overrides: [],
        sources: [source],
        targets,
        selectionPolicy: { aggregate: "worst" },
        devicePolicy: parseDevicePolicy({}),
        messaging: { headline0: "", headline1: "", headline2: "" },
        page: 1,
      }),
    2,
    5,
  );

  lines.push(`${title}: 1 source × ${n.toLocaleString("en-US")} targets × ${R} rules, ${active} of ${R} rules active after folding the source; warm, median`);
  lines.push(row("json-logic-js apply", js));
  lines.push(row("json-logic-engine compiled", jle, `   ${engineMismatches} answers differ from json-logic-js`));
  lines.push(row("ours (fold + tables + kernels + verdicts)", ours, `   ${mismatches} answers differ from json-logic-js; ${batch.tableRuleCount} of ${active} active rules answered by status tables`));
  lines.push(row("ours, whole evaluateSelection", full, "   (contexts, sort, first page of 50 with explanations)"));
  lines.push(`  ours vs json-logic-js: ${ratio(js, ours)};  vs json-logic-engine compiled: ${ratio(jle, ours)}`);
  return { vsJs: js.cpu / ours.cpu, vsEngine: jle.cpu / ours.cpu, mismatches };
}

interface ColdRun {
  wall: number;
  cpu: number;
}

function coldChild(which: "ours" | "engine", targets: number, rules: number, selections: number): ColdRun[] {
  const script = fileURLToPath(new URL("./engine-cold.ts", import.meta.url));
  const out = execFileSync(process.execPath, ["--import", "tsx", script, which, String(targets), String(rules), String(selections)], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!) as ColdRun[];
}

/** Fresh processes: the first `selections` distinct selections, each timed. */
function cold(lines: string[], title: string, targets: number, rules: number, selections: number): { first: number; all: number } {
  const load = os.loadavg()[0]!;
  const ours = coldChild("ours", targets, rules, selections);
  const theirs = coldChild("engine", targets, rules, selections);
  const sum = (runs: ColdRun[], k: number, key: "cpu" | "wall") => runs.slice(0, k).reduce((s, r) => s + r[key], 0);
  lines.push(`${title}: fresh child process per engine, ${selections} distinct selections of ${targets.toLocaleString("en-US")} targets × ${rules} rules, each timed (ms CPU / wall; compile or build inside the first); load ${fmt(load, 2)} → ${fmt(os.loadavg()[0]!, 2)}`);
  const show = (runs: ColdRun[]) => runs.map((r) => `${fmt(r.cpu, 0)}/${fmt(r.wall, 0)}`).join(" ");
  lines.push(`  ours                ${show(ours)}`);
  lines.push(`  json-logic-engine   ${show(theirs)}`);
  const k = Math.min(5, selections);
  lines.push(
    `  ours vs json-logic-engine: first selection ${fmt(theirs[0]!.cpu / ours[0]!.cpu, 2)}× CPU (${fmt(theirs[0]!.wall / ours[0]!.wall, 2)}× wall); first ${k}: ${fmt(sum(theirs, k, "cpu") / sum(ours, k, "cpu"), 2)}× CPU (${fmt(sum(theirs, k, "wall") / sum(ours, k, "wall"), 2)}× wall); all ${selections}: ${fmt(sum(theirs, selections, "cpu") / sum(ours, selections, "cpu"), 2)}× CPU (${fmt(sum(theirs, selections, "wall") / sum(ours, selections, "wall"), 2)}× wall)`,
  );
  return { first: sum(theirs, k, "cpu") / sum(ours, k, "cpu"), all: sum(theirs, selections, "cpu") / sum(ours, selections, "cpu") };
}

/**
 * 1,000 × 1,000 × 20, two ways: evaluation only (every pair's statuses and verdict), and the full
 * matrix slice, where every engine also builds the million cells `{ v, u, o, f }` (allocating them
 * costs the same for all; ours is `evaluateMatrix`).
 */
function matrix(lines: string[]): { vsEngine: number; vsEngineCells: number; mismatches: number } {
  const S = 1_000, T = 1_000, R = 20, JS_ROWS = 40;
  const rules = makeWorkloadRules(21, R);
  const sources = makeWorkloadSources(22, S);
  const targets = makeWorkloadTargets(23, T);
  const sctx = sourceContexts(sources);
  const tctx = targetContexts(targets);
  const required = rules.map((r) => r.required);
  const ids = rules.map((r) => r.id);
  const pairs = tctx.map((target) => ({ source: sctx[0]!, target }));
  const engine = new LogicEngine();
  const built = rules.map((r) => engine.build(r.logic) as (data: unknown) => unknown);
  const verdicts = new Uint8Array(S * T);
  const byEngine = (apply: (r: number, ctx: unknown) => boolean, rows: number, out: Uint8Array, cells: boolean) => {
    const matrixRows: { key: string; cells: unknown[] }[] = [];
    for (let s = 0; s < rows; s++) {
      for (const p of pairs) p.source = sctx[s]!;
      const rowCells = cells ? new Array<unknown>(T) : [];
      for (let t = 0; t < T; t++) {
        let fail = 0, notPassing = 0;
        let f: string[] | null = null;
        for (let r = 0; r < R; r++) {
          if (!apply(r, pairs[t])) {
            notPassing++;
            if (required[r]) fail++;
            if (cells) (f ??= []).push(ids[r]!);
          }
        }
        const v = verdictOf(fail, 0, notPassing, false);
        out[s * T + t] = v;
        if (cells) rowCells[t] = { v, u: false, o: false, f: f ?? [] };
      }
      if (cells) matrixRows.push({ key: sources[s]!.key, cells: rowCells });
    }
    return matrixRows;
  };
  const jle = time(() => byEngine((r, ctx) => engine.truthy(built[r]!(ctx)), S, verdicts, false), 1, 3);
  const jleCells = time(() => byEngine((r, ctx) => engine.truthy(built[r]!(ctx)), S, verdicts, true), 1, 3);
  const jsVerdicts = new Uint8Array(JS_ROWS * T);
  const jsPart = time(() => byEngine((r, ctx) => truthy(referenceApply(rules[r]!.logic, ctx)), JS_ROWS, jsVerdicts, false), 0, 1);
  const js: Timing = { wall: (jsPart.wall * S) / JS_ROWS, cpu: (jsPart.cpu * S) / JS_ROWS, load: jsPart.load };
  const compiled = compileRuleSet(rules);
  const ours = time(
    () => {
      const batch = new TargetBatch(compiled, { targets: tctx }, { mode: "kernel", unknownRequired: "partial" });
      for (let s = 0; s < S; s++) {
        batch.run(sctx[s]);
        verdicts.set(batch.verdict, s * T);
      }
    },
    1,
    3,
  );
  const policy = parseDevicePolicy({ groupBy: null }, "matrix");
  const oursCells = time(() => evaluateMatrix({ compiled, overrides: [], sources, targets, devicePolicy: policy }), 1, 3);
  // Same verdicts as json-logic-js wherever no rule is unknown (the others do not report unknown).
  const m = evaluateMatrix({ compiled, overrides: [], sources: sources.slice(0, JS_ROWS), targets, devicePolicy: policy });
  let mismatches = 0;
  m.rows.forEach((rowData, s) => rowData.cells.forEach((cell, t) => { if (!cell.u && cell.v !== jsVerdicts[s * T + t]) mismatches++; }));
  lines.push(`engine: matrix ${S.toLocaleString("en-US")} sources × ${T.toLocaleString("en-US")} targets × ${R} rules (generated workload), median`);
  lines.push(row("json-logic-js", js, `   (evaluation only; extrapolated from ${JS_ROWS} source rows)`));
  lines.push(row("json-logic-engine compiled", jle, "   (evaluation only: statuses and a verdict per pair)"));
  lines.push(row("ours: TargetBatch per source", ours, "   (evaluation only)"));
  lines.push(row("json-logic-engine + cells", jleCells, "   (the same plus a million { v, u, o, f } cells)"));
  lines.push(row("ours: evaluateMatrix", oursCells, `   (every cell built; ${mismatches} verdicts differ from json-logic-js on ${JS_ROWS} rows)`));
  lines.push(`  evaluation only — ours vs json-logic-js: ${ratio(js, ours)};  vs json-logic-engine compiled: ${ratio(jle, ours)}`);
  lines.push(`  with cells — ours vs json-logic-engine compiled: ${ratio(jleCells, oursCells)}`);
  return { vsEngine: jle.cpu / ours.cpu, vsEngineCells: jleCells.cpu / oursCells.cpu, mismatches };
}

/** Runs the engine benchmark and returns printable lines (the last ones state whether the goals were met). */
export async function runEngineBench(parts = process.argv[3]): Promise<string[]> {
  // `npm run bench -- engine fixtures,workload` runs only those parts (of fixtures, workload, cold, fresh, matrix).
  const only = parts ? new Set(parts.split(",")) : null;
  const want = (part: string) => !only || only.has(part);
  const skipped = { vsJs: NaN, vsEngine: NaN, mismatches: 0, first: NaN, all: NaN, vsEngineCells: NaN };
  const lines: string[] = [];
  lines.push(`engine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => fmt(l, 2)).join(" / ")} (1/5/15 min); CPU-time ratios are the ones to read on a shared machine`);
  const fixtures = want("fixtures") ? finder(lines, "engine: fixtures", makeRules(1, 100), makeSources(2, 1)[0]!, makeTargets(3, 10_000)) : skipped;
  const workload = want("workload") ? finder(lines, "engine: generated workload", makeWorkloadRules(11, 100), makeWorkloadSources(12, 1)[0]!, makeWorkloadTargets(13, 10_000)) : skipped;
  const coldRuns = want("cold") ? cold(lines, "engine: cold", 10_000, 100, 20) : skipped;
  const fresh = want("fresh") ? cold(lines, "engine: fresh request, small page", 1_000, 20, 5) : skipped;
  const m = want("matrix") ? matrix(lines) : skipped;
  // A goal whose parts were not run (`only`) is reported as not run, not as failed.
  const checks: [string, boolean, boolean][] = [
    [`warm ≥ ${GOALS.warmVsJs}× json-logic-js (fixtures ${fmt(fixtures.vsJs)}×, workload ${fmt(workload.vsJs)}×)`, Math.min(fixtures.vsJs, workload.vsJs) >= GOALS.warmVsJs, want("fixtures") && want("workload")],
    [`warm ≥ ${GOALS.warmVsEngine}× json-logic-engine compiled (fixtures ${fmt(fixtures.vsEngine, 2)}×, workload ${fmt(workload.vsEngine, 2)}×)`, Math.min(fixtures.vsEngine, workload.vsEngine) >= GOALS.warmVsEngine, want("fixtures") && want("workload")],
    [`cold first selections ≥ ${GOALS.coldVsEngine}× json-logic-engine (first 5 ${fmt(coldRuns.first, 2)}×, all 20 ${fmt(coldRuns.all, 2)}×; 1k × 20 fresh ${fmt(fresh.first, 2)}×)`, Math.min(coldRuns.first, coldRuns.all) >= GOALS.coldVsEngine, want("cold")],
    [`matrix ≥ ${GOALS.matrixVsEngine}× json-logic-engine (evaluation ${fmt(m.vsEngine, 2)}×, with cells ${fmt(m.vsEngineCells, 2)}×)`, m.vsEngine >= GOALS.matrixVsEngine, want("matrix")],
    ["0 mismatches", fixtures.mismatches + workload.mismatches + m.mismatches === 0, true],
  ];
  lines.push(`engine: load average now ${os.loadavg().map((l) => fmt(l, 2)).join(" / ")}`);
  lines.push(`engine goals (CPU time): ${checks.map(([name, ok, ran]) => `${ran ? (ok ? "PASS" : "FAIL") : "NOT RUN"} ${name}`).join("; ")}`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runEngineBench()) console.log(line);
}
