import type { AlertSender } from './alert-sender';
import type { Logger } from '../shared/logger';
import { isEditDue, type StoryEditJob, type StoryLedger, type StoryPost } from '../stories/story-ledger';
import { retryDelayMs, type RetryTimings } from './deliver-alerts';

/** A message is edited at most this often: outlets arriving together are shown in one edit. */
export const EDIT_INTERVAL_MS = 60_000;
/** Edits tried per delivery round, so a flood of rewrites never holds up the alerts themselves. */
const EDITS_PER_ROUND = 10;
/** An edit Discord keeps failing (5xx, timeouts) is given up after this many tries, and recorded. */
export const MAX_EDIT_ATTEMPTS = 8;

export interface StoryEditDeps {
  ledger: StoryLedger;
  sender: Pick<AlertSender, 'editAlsoReported'>;
  logger: Logger;
  retry?: RetryTimings;
  editIntervalMs?: number;
  isStopping?(): boolean;
}

export interface StoryEditReport {
  edited: number;
  /** Edits still due later (back-off, rate limit). */
  waiting: number;
  refused: number;
}

/**
 * Edits the messages that should list more outlets ("Also reported by"). Each edit writes the whole list,
 * so repeating one after a crash changes nothing; a message never gets a second post for its story. A
 * refusal for good (message deleted: 404, access gone: 403, 400) is recorded on the post and ends its edits.
 */
export async function deliverStoryEdits(deps: StoryEditDeps, now: Date): Promise<StoryEditReport> {
  const report: StoryEditReport = { edited: 0, waiting: 0, refused: 0 };
  const edit = deps.sender.editAlsoReported;
  if (!edit) return report;
  let tried = 0;
  for (const job of await deps.ledger.pendingEdits()) {
    if (deps.isStopping?.()) break;
    const story = await deps.ledger.get(job.storyId);
    const post = story?.posts.find((p) => p.channelId === job.channelId);
    if (!story || !post || !isEditDue(post)) {
      await deps.ledger.updatePost(job, () => undefined); // nothing left to do: ends the job
      continue;
    }
    if (dueAt(post, deps.editIntervalMs ?? EDIT_INTERVAL_MS) > now.getTime() || tried >= EDITS_PER_ROUND) {
      report.waiting++;
      continue;
    }
    tried++;
    const outlets = post.also.slice();
    const result = await edit({ channelId: post.channelId, messageId: post.messageId, storyLinks: story.members.map((m) => m.link) }, outlets);
    await settleEdit(deps, job, post, result, outlets.length, now, report);
  }
  return report;
}

function dueAt(post: StoryPost, intervalMs: number): number {
  const backOff = Date.parse(post.edit?.notBefore ?? '') || 0;
  const lastEdit = Date.parse(post.edit?.lastEditAt ?? '') || 0;
  return Math.max(backOff, lastEdit ? lastEdit + intervalMs : 0);
}

async function settleEdit(
  deps: StoryEditDeps,
  job: StoryEditJob,
  post: StoryPost,
  result: Awaited<ReturnType<NonNullable<AlertSender['editAlsoReported']>>>,
  shown: number,
  now: Date,
  report: StoryEditReport,
): Promise<void> {
  const at = now.toISOString();
  if (result.kind === 'sent') {
    report.edited++;
    await deps.ledger.updatePost(job, (p) => ({ ...p, shown: Math.max(p.shown, shown), edit: { attempts: 0, lastEditAt: at } }));
    deps.logger.info({ channelId: post.channelId, messageId: post.messageId, outlets: shown }, 'story message edited: also reported by');
    return;
  }
  const attempts = (post.edit?.attempts ?? 0) + 1;
  if (result.kind === 'transient' && attempts < MAX_EDIT_ATTEMPTS) {
    report.waiting++;
    const notBefore = new Date(now.getTime() + retryDelayMs(attempts, deps.retry)).toISOString();
    await deps.ledger.updatePost(job, (p) => ({ ...p, edit: { ...p.edit, attempts, notBefore, lastError: result.reason } }));
    deps.logger.warn({ channelId: post.channelId, messageId: post.messageId, attempts, reason: result.reason }, 'story message not edited; will retry');
    return;
  }
  report.refused++;
  const reason = result.kind === 'transient' ? `gave up after ${attempts} tries: ${result.reason}` : result.reason;
  await deps.ledger.updatePost(job, (p) => ({ ...p, refused: { reason, at }, edit: { ...p.edit, attempts, lastError: result.reason } }));
  deps.logger.warn({ channelId: post.channelId, messageId: post.messageId, reason }, 'story message cannot be edited; not trying again');
}
