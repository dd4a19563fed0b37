import { parse } from 'yaml';

export interface RelabelRule {
  source_labels?: string[];
  separator?: string;
  regex?: string;
  target_label?: string;
  replacement?: string;
  action?: string;
}
export interface ScrapeJob {
  job_name: string;
  metrics_path?: string;
  kubernetes_sd_configs?: { role: string }[];
  relabel_configs?: RelabelRule[];
}

/** The scrape jobs of the first YAML block of a Markdown document that has `scrape_configs`. */
export function documentedScrapeJobs(markdown: string): ScrapeJob[] {
  for (const [, block = ''] of markdown.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const parsed = parse(block) as { scrape_configs?: ScrapeJob[] } | null;
    if (parsed?.scrape_configs) return parsed.scrape_configs;
  }
  throw new Error('no YAML block with scrape_configs');
}

/** A Kubernetes name as Prometheus puts it in a meta label name (`prometheus.io/port` → `prometheus_io_port`). */
export const metaLabelName = (name: string): string => name.replace(/[^a-zA-Z0-9_]/g, '_');

/**
 * Prometheus's relabelling of one discovered target, for the actions a pod scrape config uses:
 * the labels it is scraped with, or null when dropped. As in Prometheus, a regex must match the
 * whole joined value, and a replacement sees only the regex's groups (`$1`, `${1}`): any other
 * `${name}` is empty, so a replacement cannot read other labels.
 */
export function relabel(labels: Readonly<Record<string, string>>, rules: readonly RelabelRule[]): Record<string, string> | null {
  const result = { ...labels };
  for (const rule of rules) {
    const action = rule.action ?? 'replace';
    const value = (rule.source_labels ?? []).map((name) => result[name] ?? '').join(rule.separator ?? ';');
    const match = new RegExp(`^(?:${rule.regex ?? '(.*)'})$`).exec(value);
    if (action === 'keep' || action === 'drop') {
      if ((action === 'keep') !== (match !== null)) return null;
      continue;
    }
    if (action !== 'replace' || !rule.target_label) throw new Error(`relabel rule not simulated: ${JSON.stringify(rule)}`);
    if (!match) continue;
    const replaced = (rule.replacement ?? '$1').replace(/\$(?:\{(\w+)\}|(\d+))/g, (_, braced: string | undefined, bare: string | undefined) => {
      const group = braced ?? bare ?? '';
      return (/^\d+$/.test(group) ? match[Number(group)] : match.groups?.[group]) ?? '';
    });
    if (replaced === '') delete result[rule.target_label];
    else result[rule.target_label] = replaced;
  }
  return result;
}
