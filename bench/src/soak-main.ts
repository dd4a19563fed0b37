import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatSoak } from './soak/format-soak';
import { parseSoakOptions, SOAK_HELP } from './soak/soak-options';
import { runSoak } from './soak/run-soak';

async function main(): Promise<number> {
  const options = parseSoakOptions(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(SOAK_HELP);
    return 0;
  }
  const results = await runSoak(options, (line) => process.stderr.write(`[soak] ${line}\n`));
  process.stdout.write(formatSoak(results));
  await writeFile(resolve(__dirname, '../soak-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  return results.verdict.pass ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
