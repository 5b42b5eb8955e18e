import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

/** The script of the Dockerfile's HEALTHCHECK (`node -e <script>`), run here exactly as Docker runs it. */
function healthcheckScript(): string {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, '');
  const command = /HEALTHCHECK .*? CMD (\[.*\])/.exec(dockerfile)?.[1];
  if (!command) throw new Error('no HEALTHCHECK CMD in the Dockerfile');
  const [node, flag, script] = JSON.parse(command) as string[];
  expect([node, flag]).toEqual(['node', '-e']);
  return script ?? '';
}

function runHealthcheck(env: Record<string, string>): Promise<number | null> {
  const child = spawn(process.execPath, ['-e', healthcheckScript()], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
  return new Promise((resolve) => child.on('close', resolve));
}

describe('Docker image and compose file', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  const listen = async (host: string): Promise<number> => {
    const started = createServer((request, response) => response.writeHead(request.url === '/healthz' ? 200 : 404).end());
    server = started;
    await new Promise<void>((resolve) => started.listen(0, host, resolve));
    return (started.address() as { port: number }).port;
  };

  it('health-checks the address HTTP_HOST names, not always 127.0.0.1', async () => {
    // 127.0.0.2 is loopback too on Linux, but a server bound there is not reachable at 127.0.0.1.
    const port = await listen('127.0.0.2');
    expect(await runHealthcheck({ HTTP_PORT: String(port), HTTP_HOST: '127.0.0.2' })).toBe(0);
    expect(await runHealthcheck({ HTTP_PORT: String(port) })).toBe(1);
  });

  it('health-checks loopback when the bot listens on every interface', async () => {
    const port = await listen('0.0.0.0');
    expect(await runHealthcheck({ HTTP_PORT: String(port), HTTP_HOST: '0.0.0.0' })).toBe(0);
    expect(await runHealthcheck({ HTTP_PORT: String(port) })).toBe(0);
  });

  it('builds the image tag in one service per profile only', () => {
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { build?: unknown; image?: string; profiles?: string[] }>;
    };
    const builders = new Map<string, string[]>();
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.build) continue;
      for (const profile of service.profiles ?? ['default']) builders.set(`${profile} ${service.image}`, [...(builders.get(`${profile} ${service.image}`) ?? []), name]);
    }
    expect(builders.size).toBeGreaterThan(0);
    for (const [key, services] of builders) expect({ key, services: services.length }).toEqual({ key, services: 1 });
  });
});
