// Run-chart rules in the browser: a line-for-line mirror of run_chart.py, so the
// static self-audit page says exactly what the dashboards say about a team's
// scores over time. The rules are from Perla, Provost and Murray (2011), BMJ
// Quality & Safety 20(1):46-51; run_chart.py's docstring states them.
// tests/js/run_chart_parity.test.mjs checks both on tests/js/run_chart_cases.json.
//
// Pure functions only: no DOM. Scores are whole tenths (34 means 3.4).

export const SHIFT_POINTS = 6;
export const TREND_POINTS = 5;
export const RUNS_MIN_USEFUL = 10;
export const TOO_FEW = "too few audits to tell yet";

// Points not on the median -> [fewest runs, most runs] that chance gives
// (Swed and Eisenhart's exact distribution, 2.5% in each tail). The same
// numbers as RUNS_LIMITS in run_chart.py, whose comment says how they differ
// from copies of Perla and colleagues' Table 1.
export const RUNS_LIMITS = {
  10: [3, 9], 11: [4, 9], 12: [4, 10], 13: [4, 11], 14: [4, 12], 15: [5, 12], 16: [5, 13],
  17: [6, 13], 18: [6, 14], 19: [6, 15], 20: [7, 15], 21: [7, 16], 22: [8, 16], 23: [8, 17],
  24: [8, 18], 25: [9, 18], 26: [9, 19], 27: [10, 19], 28: [10, 20], 29: [10, 21],
  30: [11, 21], 31: [11, 22], 32: [12, 22], 33: [12, 23], 34: [12, 24], 35: [13, 24],
  36: [13, 25], 37: [14, 25], 38: [14, 26], 39: [14, 26], 40: [15, 27], 41: [15, 28],
  42: [16, 28], 43: [16, 29], 44: [17, 29], 45: [17, 30], 46: [17, 31], 47: [18, 31],
  48: [18, 32], 49: [19, 32], 50: [19, 33], 51: [20, 33], 52: [20, 34], 53: [20, 35],
  54: [21, 35], 55: [21, 36], 56: [22, 36], 57: [22, 37], 58: [23, 37], 59: [23, 38],
  60: [24, 38],
};

function runFinding(rule, status, sentence, start = null, end = null, direction = null) {
  return { rule, status, sentence, start, end, direction };
}

export function medianTenths(values) {
  const ordered = [...values].sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}

function auditSpan(labels, start, end) {
  const where = `audits ${start + 1} to ${end + 1}`;
  return labels ? `${where} (${labels[start]} to ${labels[end]})` : where;
}

function findShifts(values, median, labels) {
  const found = [];
  let side = 0, count = 0, start = 0, last = 0;
  const close = () => {
    if (count >= SHIFT_POINTS) {
      const where = side > 0 ? "above" : "below";
      found.push(runFinding("shift", "signal",
        `Shift: ${auditSpan(labels, start, last)} are all ${where} the median, ` +
        `${count} in a row. Six or more in a row on one side is more than chance.`,
        start, last, where));
    }
  };
  values.forEach((value, index) => {
    if (value === median) return; // on the median: neither breaks the run nor counts
    const here = value > median ? 1 : -1;
    if (here !== side) {
      close();
      side = here; count = 0; start = index;
    }
    count += 1;
    last = index;
  });
  close();
  return found;
}

function findTrends(values, labels) {
  // Collapse repeats: equal neighbours neither break a trend nor count.
  const kept = [];
  values.forEach((value, index) => { if (index === 0 || value !== values[index - 1]) kept.push(index); });
  const found = [];
  let begin = 0, step = 0;
  for (let position = 1; position <= kept.length; position += 1) {
    let here = 0;
    if (position < kept.length) here = values[kept[position]] > values[kept[position - 1]] ? 1 : -1;
    if (here !== step) {
      const length = position - begin;
      if (step && length >= TREND_POINTS) {
        const where = step > 0 ? "up" : "down";
        const start = kept[begin], end = kept[position - 1];
        found.push(runFinding("trend", "signal",
          `Trend: ${auditSpan(labels, start, end)} go ${where} every time, ` +
          `${length} points in a row. Five or more is more than chance.`, start, end, where));
      }
      begin = position - 1; step = here;
    }
  }
  return found;
}

export function analyseRun(values, labels = null) {
  values = [...values];
  labels = labels && labels.length ? [...labels] : null;
  if (labels && labels.length !== values.length) throw new Error("Give one label for each point.");
  if (!values.length) {
    return { points: 0, median: null, useful: 0, runs: null,
             findings: [runFinding("shift", "too_few", `No audits with a score yet: ${TOO_FEW}.`)] };
  }
  const median = medianTenths(values);
  const sides = values.filter((v) => v !== median).map((v) => (v > median ? 1 : -1));
  const useful = sides.length;
  let runs = null;
  if (useful) {
    runs = 1;
    for (let i = 1; i < sides.length; i += 1) if (sides[i] !== sides[i - 1]) runs += 1;
  }
  const findings = [];

  if (useful < SHIFT_POINTS) {
    findings.push(runFinding("shift", "too_few",
      `Shift: ${useful} of ${values.length} audits are off the median and a shift needs ` +
      `${SHIFT_POINTS}: ${TOO_FEW}.`));
  } else {
    const found = findShifts(values, median, labels);
    findings.push(...(found.length ? found : [runFinding("shift", "none",
      "Shift: no six audits in a row are all above or all below the median.")]));
  }

  if (values.length < TREND_POINTS) {
    findings.push(runFinding("trend", "too_few",
      `Trend: ${values.length} audits and a trend needs ${TREND_POINTS}: ${TOO_FEW}.`));
  } else {
    const found = findTrends(values, labels);
    findings.push(...(found.length ? found : [runFinding("trend", "none",
      "Trend: no five audits in a row all go up or all go down.")]));
  }

  if (useful < RUNS_MIN_USEFUL) {
    findings.push(runFinding("runs", "too_few",
      `Runs: ${useful} audits are off the median and counting runs needs ` +
      `${RUNS_MIN_USEFUL}: ${TOO_FEW}.`));
  } else if (!(useful in RUNS_LIMITS)) {
    findings.push(runFinding("runs", "too_few",
      `Runs: ${useful} audits off the median is more than the published table ` +
      "covers (60), so runs are not counted."));
  } else {
    const [low, high] = RUNS_LIMITS[useful];
    if (runs < low) {
      findings.push(runFinding("runs", "signal",
        `Too few runs: ${runs} runs where chance gives ${low} to ${high} for ` +
        `${useful} audits off the median. The scores stay on one side too long.`,
        null, null, "few"));
    } else if (runs > high) {
      findings.push(runFinding("runs", "signal",
        `Too many runs: ${runs} runs where chance gives ${low} to ${high} for ` +
        `${useful} audits off the median. The scores flip from side to side too often.`,
        null, null, "many"));
    } else {
      findings.push(runFinding("runs", "none",
        `Runs: ${runs} runs, within the ${low} to ${high} that chance gives for ` +
        `${useful} audits off the median.`));
    }
  }

  findings.push(runFinding("astronomical", "note",
    "Astronomical point: no rule finds one. Look for an audit that everyone would " +
    "agree is very different from the rest, and ask what happened then."));
  return { points: values.length, median, useful, runs, findings };
}
