/** One scrape of a `/metrics` endpoint: every sample by its name and labels. */
export class Scrape {
  private constructor(private readonly samples: ReadonlyMap<string, number>) {}

  static async of(baseUrl: string): Promise<Scrape> {
    const response = await fetch(`${baseUrl}/metrics`);
    if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}`);
    return new Scrape(parse(await response.text()));
  }

  /** The sample's value; 0 when the series does not exist (yet), as Prometheus's `or vector(0)`. */
  value(name: string, labels: Readonly<Record<string, string>> = {}): number {
    return this.samples.get(key(name, labels)) ?? 0;
  }

  has(name: string): boolean {
    return [...this.samples.keys()].some((k) => k === name || k.startsWith(`${name}{`));
  }
}

function key(name: string, labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length === 0 ? name : `${name}{${pairs.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** The text format, as much of it as these tests need: label values hold no `,` or `"`. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (match === null) continue;
    const [, name = '', labelText = '', value = ''] = match;
    const labels = Object.fromEntries([...labelText.matchAll(/([a-zA-Z_]\w*)="([^"]*)"/g)].map(([, k = '', v = '']) => [k, v]));
    samples.set(key(name, labels), Number(value));
  }
  return samples;
}
