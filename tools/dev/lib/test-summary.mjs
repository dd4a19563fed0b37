import { existsSync, readFileSync } from 'node:fs';

/**
 * Counts a run the way CI reads it: Jest's tests plus each non-Jest step (lint, build,
 * type-check) as one test. A suite that could not even load counts as one failure, otherwise a
 * syntax error would read as "0 failed".
 */
export function summarise(steps, jestResultsFile) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const step of steps) counts[step.ok ? 'passed' : 'failed'] += 1;
  const jest = readJestResults(jestResultsFile);
  if (jest) {
    counts.passed += jest.numPassedTests;
    counts.failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
    counts.skipped += jest.numPendingTests + (jest.numTodoTests ?? 0);
  }
  return counts;
}

export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

function readJestResults(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
