import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { actorOf } from '../actor';
import type { BotDeps } from '../deps';

const Consent = z.object({
  action: z.enum(['accept', 'decline']),
  context: z.object({ exportId: z.uuid() }),
  uploadInfo: z.object({ uploadUrl: z.string().url(), contentUrl: z.string().url(), name: z.string().max(300), uniqueId: z.string().max(200), fileType: z.string().max(20) }).optional(),
});

/** Teams hands out OneDrive/SharePoint upload sessions; anything else is refused (and http only to this machine, for tests). */
const UPLOAD_HOSTS = /(^|\.)(sharepoint\.com|sharepoint\.us|sharepoint-mil\.us|1drv\.ms|onedrive\.live\.com|files\.1drv\.com)$/i;
function allowedUploadUrl(raw: string): boolean {
  const u = new URL(raw);
  return (u.protocol === 'https:' && UPLOAD_HOSTS.test(u.hostname)) || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'));
}

/** `fileConsent/invoke`: the asker accepted (upload the CSV, then show it) or declined the export. */
export async function handleFileConsent(context: TurnContext, deps: BotDeps): Promise<InvokeResponse> {
  const parsed = Consent.safeParse(context.activity.value);
  const actor = actorOf(context.activity);
  if (!parsed.success || actor === undefined) return { status: 400 };
  // Check the upload target before using up the export.
  const info = parsed.data.uploadInfo;
  if (parsed.data.action === 'accept' && (info === undefined || !allowedUploadUrl(info.uploadUrl))) return { status: 400 };
  const file = deps.exports.take(parsed.data.context.exportId, actor.id);
  if (file === undefined) {
    await context.sendActivity('That export is no longer available (it expires after 10 minutes, and only the person who asked can accept it). Send "secrets export" again.');
    return { status: 200 };
  }
  if (parsed.data.action === 'decline') {
    await context.sendActivity('Export cancelled.');
    return { status: 200 };
  }
  if (info === undefined) return { status: 400 };
  const bytes = Buffer.from(file.csv);
  let ok = false;
  try {
    const res = await fetch(info.uploadUrl, {
      method: 'PUT',
      headers: { 'content-length': String(bytes.length), 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
      body: bytes,
      redirect: 'manual', // an upload session never redirects; following one would send us elsewhere
      signal: AbortSignal.timeout(30_000),
    });
    ok = res.ok;
    if (!ok) deps.log.warn('export upload failed', { status: res.status });
  } catch (e) {
    deps.log.warn('export upload failed', { error: e });
  }
  if (!ok) {
    await context.sendActivity('The upload to your OneDrive failed. Send "secrets export" to try again.');
    return { status: 200 };
  }
  await context.sendActivity({
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: info.contentUrl, name: info.name, content: { uniqueId: info.uniqueId, fileType: info.fileType } }],
  });
  deps.log.info('decision export uploaded', { rows: file.rows, by: actor.id });
  return { status: 200 };
}
