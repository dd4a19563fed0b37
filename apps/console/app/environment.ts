/**
 * A colour per namespace, so that production and a local run never look alike: names that say
 * production are red; any other gets a hue of its own, stable across reloads.
 */
export function namespaceColour(namespace: string): string {
  if (/prod/i.test(namespace)) return '#b3261e';
  let hash = 0;
  for (const char of namespace) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return `hsl(${hash}, 55%, 32%)`;
}
