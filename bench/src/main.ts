import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HELP, parseBenchOptions } from './bench-options';
import { formatResults } from './format-results';
import { runBenchmarks } from './run-benchmarks';

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const results = await runBenchmarks(options, (line) => process.stderr.write(`[bench] ${line}\n`));
  process.stdout.write(formatResults(results));
  if (!options.smoke) await writeFile(resolve(__dirname, '../results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
