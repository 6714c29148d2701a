/**
 * Optional Application Insights through OpenTelemetry (@azure/monitor-opentelemetry): incoming
 * requests to /api/messages, outgoing calls (Graph, Entra, the Bot Connector) and standard
 * metrics. Loaded only when configured, and before the HTTP stack so its instrumentation can hook
 * the http module. Span attributes carry URLs and status codes, never bodies or headers.
 */
export async function startTelemetry(connectionString: string): Promise<() => Promise<void>> {
  const monitor = await import('@azure/monitor-opentelemetry');
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true } },
    enableLiveMetrics: false,
  });
  return () => monitor.shutdownAzureMonitor();
}
