import type { SoakResults } from './run-soak';

const cell = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : String(value));

/** The report `npm run soak` prints: workload, memory, backlog, jobs, HTTP, then the verdict. */
export function formatSoak(results: SoakResults): string {
  const { machine, options, verdict, jobs, http, loadAverage } = results;
  const lines = [
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.natsServer}, ${machine.postgres}`,
    `load average (1 min) during the run: mean ${loadAverage.mean}, max ${loadAverage.max}`,
    `workload: ${results.loadSeconds} s at ${options.rate} echo jobs/s (${options.cancelPercent} % cancelled, ${options.failPercent} % failing), ` +
      `${options.sse} SSE followers, ${options.pollers} pollers every ${options.pollMs} ms, a list every ${options.listSeconds} s; ` +
      `${results.samples.length} samples every ${options.sampleSeconds} s; drain ${results.drainSeconds} s`,
    '',
    '| process | RSS start MB | RSS end MB | RSS max MB | slope after warm-up, MB/min |',
    '|---|---|---|---|---|',
    ...verdict.memory.map((m) => `| ${m.process} | ${cell(m.startMb)} | ${cell(m.endMb)} | ${cell(m.maxMb)} | ${cell(m.slopeMbPerMin)} |`),
    '',
    '| consumer | max lag | mean lag, first third | mean lag, last third | lag at end |',
    '|---|---|---|---|---|',
    ...verdict.lag.map((l) => `| ${l.consumer} | ${l.max} | ${l.meanFirstThird} | ${l.meanLastThird} | ${cell(l.end)} |`),
    '',
    '| jobs | figure |',
    '|---|---|',
    `| submitted / terminal / not terminal | ${jobs.submitted} / ${jobs.terminal} / ${jobs.notTerminal} |`,
    `| completed / failed / cancelled | ${jobs.byStatus.completed} / ${jobs.byStatus.failed} / ${jobs.byStatus.cancelled} |`,
    `| planned echo / cancel / fail | ${jobs.byPlan.echo.submitted} / ${jobs.byPlan.cancel.submitted} / ${jobs.byPlan.fail.submitted} |`,
    `| outcomes not as planned | ${jobs.unexpectedOutcomes} |`,
    `| submit → terminal seen, p50 / p99 ms | ${jobs.endToEndP50Ms} / ${jobs.endToEndP99Ms} |`,
    `| arrivals dropped (machine behind schedule) | ${results.submitsBehind} |`,
    '',
    '| HTTP | figure |',
    '|---|---|',
    `| requests | ${Object.entries(http.requests).map(([route, n]) => `${route} ${n}`).join(', ')} |`,
    `| errors by outcome | ${entries(http.errorsByOutcome)} |`,
    `| errors first / last third of the load | ${verdict.errorsFirstThird} / ${verdict.errorsLastThird} |`,
    `| expected refusals | ${entries(http.expected)} |`,
    `| request p99 ms (median of samples), first / last third | ${http.p99FirstThirdMs} / ${http.p99LastThirdMs} |`,
    '',
    '| check | result | detail |',
    '|---|---|---|',
    ...verdict.checks.map((c) => `| ${c.name} | ${c.status} | ${c.detail} |`),
    '',
    `verdict: ${verdict.pass ? 'PASS' : 'FAIL'}`,
  ];
  return `${lines.join('\n')}\n`;
}

function entries(counts: Readonly<Record<string, number>>): string {
  const list = Object.entries(counts);
  return list.length ? list.map(([key, n]) => `${key}: ${n}`).join(', ') : 'none';
}
