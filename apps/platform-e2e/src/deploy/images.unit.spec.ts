import { readRepoFile } from './deployed-services';

/** The Dockerfile's stages by name, each with its instructions. */
function stages(): Map<string, string> {
  const parts = readRepoFile('Dockerfile').split(/^(?=FROM )/m).slice(1);
  return new Map(parts.map((part) => [/^FROM \S+ AS (\S+)/.exec(part)![1]!, part]));
}

describe('the images', () => {
  const { worker, service } = Object.fromEntries(stages()) as Record<string, string>;

  it('builds a worker image with the Debian packages npm start installs, read from their one list', () => {
    expect(worker).toMatch(/^FROM node:20-slim AS worker$/m);
    expect(worker).toContain('COPY tools/dev/debian-packages.txt');
    expect(worker).toMatch(/apt-get install -y --no-install-recommends/);
    const packages = readRepoFile('tools/dev/debian-packages.txt').split('\n').filter((line) => line && !line.startsWith('#'));
    expect(packages).toEqual(expect.arrayContaining(['ffmpeg', 'nats-server']));
    // NATS runs in containers of its own: the one package the workers do not get.
    expect(worker).toContain("-e '^nats-server$'");
  });

  it('builds a slim image for gateway, job-registry and the CLI, with no media tools', () => {
    expect(service).toMatch(/^FROM node:20-slim AS service$/m);
    expect(service).not.toMatch(/apt-get|debian-packages/);
    // Last, so that a plain `docker build .` makes it.
    expect([...stages().keys()].at(-1)).toBe('service');
  });

  it('runs both as the unprivileged node user, with node as the entry point', () => {
    for (const stage of [worker, service]) {
      expect(stage).toMatch(/^USER node$/m);
      expect(stage).toContain('ENTRYPOINT ["node"]');
      expect(stage).toContain('COPY --from=build /app /app');
    }
  });

  it('keeps dependencies, builds, local state and secrets out of the build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.data', '.env', 'deploy/kubernetes/secrets.env']));
  });
});
