/**
 * Kubernetes events sent by kubernetes-event-exporter's Slack sink (resmoio/kubernetes-event-exporter, formerly
 * opsgenie/…; pkg/sinks/slack.go): chat.postMessage with the configured `message` template as text ("{{ .Message }}"
 * in the README, "Received a Kubernetes Event {{ .Message}}" in config.example.yaml) and one attachment whose fields
 * are the configured ones sorted by title (`message`, `namespace`, `object`, `reason` in the examples), plus optional
 * title, colour, author and footer. Whether an event is a problem follows Kubernetes' own reasons
 * (pkg/kubelet/events/event.go, the node lifecycle controller, the deployment controller): BackOff, Failed,
 * Unhealthy, FailedScheduling, NodeNotReady … are; Scheduled, Pulled, Started, ScalingReplicaSet … are not, and
 * NodeReady clears NodeNotReady. Other events-to-Slack tools that put the reason on a line of its own are read too (see
 * streamedEvent).
 */
import type { AlertParser, AlertStatus, MessageKind, ParsedAlert } from '../alert.js';
import { fieldValue, type MessageView } from './message-view.js';
import { colourMeaning } from './colour-meaning.js';
import { normaliseAlert } from './normalise-alert.js';
import { cleanPhrase, plainText } from './slack-markup.js';

/** Warning events and node conditions that mean something is broken. */
const PROBLEM_REASONS = new Set([
  'BackOff', 'Failed', 'FailedCreate', 'FailedDelete', 'FailedScheduling', 'FailedMount', 'FailedUnMount', 'FailedAttachVolume',
  'FailedDetachVolume', 'FailedCreatePodSandBox', 'FailedKillPod', 'FailedSync', 'FailedValidation', 'FailedPostStartHook',
  'FailedPreStopHook', 'Unhealthy', 'OOMKilling', 'SystemOOM', 'Evicted', 'EvictionThresholdMet', 'Rebooted', 'NodeNotReady',
  'NodeNotSchedulable', 'NodeHasDiskPressure', 'NodeHasInsufficientMemory', 'NodeHasInsufficientPID', 'InspectFailed',
  'ErrImageNeverPull', 'ExceededGracePeriod', 'KubeletSetupFailed', 'ContainerGCFailed', 'ImageGCFailed', 'FreeDiskSpaceFailed',
  'InvalidDiskCapacity', 'HostPortConflict', 'OutOfDisk', 'BackoffLimitExceeded', 'DeadlineExceeded', 'ProvisioningFailed',
  'VolumeResizeFailed', 'FailedGetResourceMetric', 'FailedComputeMetricsReplicas', 'FailedRescale', 'NetworkNotReady',
]);
/** Node conditions back to normal: each clears the problem of the same node. */
const RECOVERY_REASONS = new Set(['NodeReady', 'NodeSchedulable', 'NodeHasNoDiskPressure', 'NodeHasSufficientMemory', 'NodeHasSufficientPID']);

const POD_IN_MESSAGE = /\bin pod ([a-z0-9][-a-z0-9.]{0,252})_([a-z0-9][-a-z0-9]{0,62})(?:\(|\b)/;
const NODE_IN_MESSAGE = /^Node ([\w.-]{1,253}) status is now: (\w+)/;

interface KubeEvent {
  readonly reason: string;
  readonly message: string;
  readonly namespace: string | null;
  readonly type: string | null;
  /** `pod billing/billing-worker-…` when the post names the involved object. */
  readonly object: string | null;
}

/**
 * Other events-to-Slack tools (k8s-events-to-slack-streamer and its forks): one attachment per event, titled with the
 * event's message (after "Cluster: <name>, " in later versions), the reason on a line of its own (`reason: BackOff`,
 * `event type: ADDED, event reason: BackOff`), an `Involved object` field "kind: Pod, name: …, namespace: …", and the
 * event type only as the colour (Warning red, Normal green).
 */
const REASON_LINE = /(?:^|[\s,])(?:event\s+)?reason:\s*([A-Z][A-Za-z]{1,60})\b/m;
const INVOLVED = /kind:\s*(\w+),\s*name:\s*([\w.-]+),\s*namespace:\s*([\w.-]+)/;

function streamedEvent(view: MessageView): KubeEvent | null {
  const attachment = view.attachments.find((a) => REASON_LINE.test(a.text) && a.fields.some((f) => /^Involved object$/i.test(f.title.trim())));
  const reason = attachment ? REASON_LINE.exec(attachment.text)?.[1] : undefined;
  if (!attachment || !reason) return null;
  const involved = INVOLVED.exec(fieldValue(view, /^Involved object$/i) ?? '');
  const colour = colourMeaning(attachment.color);
  return {
    reason,
    message: plainText(attachment.title).replace(/^Cluster:\s*[^,]{1,100},\s*/, '').trim(),
    namespace: involved?.[3] ?? null,
    type: colour === 'red' || colour === 'amber' ? 'Warning' : colour === 'green' ? 'Normal' : null,
    object: involved?.[1] && involved[2] ? `${involved[1].toLowerCase()} ${involved[3] ?? ''}/${involved[2]}` : null,
  };
}

function readEvent(view: MessageView): KubeEvent | null {
  const reason = fieldValue(view, /^reason$/i)?.trim();
  if (!reason) return streamedEvent(view);
  const fromField = fieldValue(view, /^message$/i);
  const message = plainText(fromField ?? view.text.replace(/^Received a Kubernetes Event\s*/, '')).trim();
  return {
    reason,
    message,
    namespace: fieldValue(view, /^namespace$/i)?.trim() || null,
    type: fieldValue(view, /^type$/i)?.trim() || null,
    object: null,
  };
}

function classify(event: KubeEvent): { kind: MessageKind; status: AlertStatus; why: string } {
  if (RECOVERY_REASONS.has(event.reason)) return { kind: 'notice', status: 'resolved', why: `${event.reason}: the node is back to normal` };
  if (PROBLEM_REASONS.has(event.reason) || event.type === 'Warning') return { kind: 'alert', status: 'firing', why: `${event.reason}${event.type === 'Warning' ? ' (Warning event)' : ''}: a problem reason` };
  return { kind: 'notice', status: 'info', why: `${event.reason}: a normal event, not an alert` };
}

function parseKubernetesEvent(view: MessageView): ParsedAlert | null {
  const event = readEvent(view);
  if (!event) return null;
  const verdict = classify(event);
  const pod = POD_IN_MESSAGE.exec(event.message);
  const node = NODE_IN_MESSAGE.exec(event.message);
  const object = node?.[1] ? `node ${node[1]}` : pod?.[1] ? `pod ${pod[2] ?? ''}/${pod[1]}` : event.object;
  const firing = verdict.status === 'firing';
  return normaliseAlert({
    source: 'kubernetes-events',
    kind: verdict.kind,
    status: verdict.status,
    name: event.reason,
    // Kubernetes events have a type (Warning/Normal), not a severity.
    severity: firing && event.type === 'Warning' ? 'warning' : null,
    // A node event is about that node; anything else belongs to its namespace.
    service: node?.[1] ?? event.namespace ?? pod?.[2] ?? null,
    subject: object,
    summary: cleanPhrase(event.message, 300) || event.reason,
    labels: { reason: event.reason, ...(event.namespace ? { namespace: event.namespace } : {}), ...(object ? { object } : {}) },
    count: firing ? 1 : 0,
    countIsTotal: !firing,
    link: null,
    reason: `Kubernetes event ${verdict.why}`,
  });
}

export const kubernetesEventsParser: AlertParser = {
  source: 'kubernetes-events',
  detect: (view) =>
    /^Received a Kubernetes Event\b/.test(view.text) ||
    view.attachments.some(
      (a) =>
        (a.fields.some((f) => f.title.toLowerCase() === 'reason') && a.fields.some((f) => /^(?:namespace|object)$/i.test(f.title))) ||
        (a.fields.some((f) => /^Involved object$/i.test(f.title.trim())) && REASON_LINE.test(a.text)),
    ),
  parse: parseKubernetesEvent,
};
