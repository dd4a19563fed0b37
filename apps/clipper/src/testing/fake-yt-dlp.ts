import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for yt-dlp (not installed on the test machines) that fetches the way yt-dlp's
 * generic extractor does when given `--proxy`: one plain-http request in absolute form to the
 * proxy, the body written to the `-o` template. It records its arguments beside itself, so a
 * test can see what the clipper asked of it.
 */
const SCRIPT = `#!/usr/bin/env node
const http = require('node:http');
const fs = require('node:fs');
const args = process.argv.slice(2);
if (args[0] === '--version') { console.log('2099.01.01 (stand-in)'); process.exit(0); }
fs.writeFileSync(__filename + '.args.json', JSON.stringify(args));
const option = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const proxy = option('--proxy');
const target = args[args.length - 1];
const output = option('-o').replace('%(ext)s', 'mp4');
const via = proxy ? new URL(proxy) : new URL(target);
const req = http.request({ host: via.hostname, port: via.port, path: proxy ? target : via.pathname, headers: { host: new URL(target).host } }, (res) => {
  if (res.statusCode !== 200) { console.error('ERROR: Unable to download webpage: HTTP Error ' + res.statusCode); process.exit(1); }
  res.pipe(fs.createWriteStream(output)).on('finish', () => process.exit(0));
});
req.on('error', (e) => { console.error('ERROR: ' + e.message); process.exit(1); });
req.end();
`;

/** Writes the stand-in into `dir`; returns its path, for `YT_DLP_PATH`. */
export async function writeFakeYtDlp(dir: string): Promise<string> {
  const path = join(dir, 'yt-dlp');
  await writeFile(path, SCRIPT);
  await chmod(path, 0o755);
  return path;
}
