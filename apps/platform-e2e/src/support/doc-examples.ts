import { readFileSync } from 'node:fs';

/** One fenced code block of a Markdown page and the line it starts on. */
export interface DocExample {
  readonly lang: string;
  readonly code: string;
  readonly line: number;
}

/**
 * The page's fenced blocks in one of `langs` (```ts, ```python, ```sh…). Blocks fenced as
 * ```console are shown, not run: installation steps and shell setup.
 */
export function docExamples(path: string, langs: readonly string[]): DocExample[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const examples: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${path}:${i + 1}: unclosed code block`);
    if (langs.includes(open[1] ?? '')) examples.push({ lang: open[1] ?? '', code: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return examples;
}
