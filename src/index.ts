import { loadConfig, readEnvironment } from './config';
import { toAppError } from './errors';
import { createLogger } from './log';
import { startTelemetry } from './telemetry';

/** Entry point: wiring only. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (e) {
    process.stderr.write(`${toAppError(e).message}\n`);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  // Telemetry first, then the app: OpenTelemetry hooks the http module only for code loaded after it.
  const stopTelemetry = config.telemetry === undefined ? undefined : await startTelemetry(config.telemetry.connectionString);
  const { startSecretWatch } = await import('./app');
  const app = await startSecretWatch(config, log).catch((e: unknown) => {
    if ((e as { code?: unknown }).code === 'EADDRINUSE') {
      process.stderr.write(`Port ${config.server.port} on ${config.server.host} is already in use: stop the other process or set PORT.\n`);
      process.exit(2);
    }
    throw e;
  });
  const h = config.hunting;
  log.info('SecretWatch listening', {
    url: `${app.url}/api/messages`,
    mode: config.mode,
    source: h.source,
    ...(h.source === 'local' && { dataFile: h.file, sampleData: h.bundled, rebase: h.rebase }),
    database: config.databasePath,
    telemetry: stopTelemetry === undefined ? 'off' : 'Application Insights',
  });
  if (h.source === 'local') {
    log.info(
      h.bundled
        ? 'Hunting answers come from BUNDLED SAMPLE DATA, not from a tenant. Configure GRAPH_* settings to query Defender.'
        : 'Hunting answers come from LOCAL_DATA_FILE, not from a tenant.',
    );
  }
  if (config.mode === 'local') {
    log.info('Local mode: Bot Framework authentication is off and only this machine can connect. Chat through Agents Playground: `npm run dev`, or `npx agentsplayground -e <url above> -c msteams`.');
  }
  const shutdown = (signal: string): void => {
    log.info('shutting down', { signal });
    app
      .stop()
      .then(() => stopTelemetry?.()) // flushes what is still buffered
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`SecretWatch failed to start: ${toAppError(e).message}\n`);
  process.exit(1);
});
