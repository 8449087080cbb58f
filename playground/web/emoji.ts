/** The emoji shortcodes alert tools and people commonly write; others stay as `:name:`, as Slack shows unknown ones. */
const EMOJI: Record<string, string> = {
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  rotating_light: '🚨',
  fire: '🔥',
  pushpin: '📌',
  memo: '📝',
  eyes: '👀',
  tada: '🎉',
  stopwatch: '⏱️',
  hourglass: '⌛',
  bell: '🔔',
  mute: '🔇',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  spiral_note_pad: '🗒️',
  bar_chart: '📊',
  mag: '🔍',
  wrench: '🔧',
  hammer_and_wrench: '🛠️',
  rocket: '🚀',
  sos: '🆘',
  information_source: 'ℹ️',
  question: '❓',
  exclamation: '❗',
  ok: '🆗',
  scream: '😱',
  sweat_smile: '😅',
  slightly_smiling_face: '🙂',
  pray: '🙏',
  point_right: '👉',
  arrow_right: '➡️',
  link: '🔗',
  lock: '🔒',
  siren: '🚨',
  construction: '🚧',
  zap: '⚡',
  ghost: '👻',
  skull: '💀',
  dart: '🎯',
  calendar: '📅',
  clock: '🕐',
};

export function emojiFor(name: string): string | undefined {
  return EMOJI[name.toLowerCase()];
}

/** `:name:` → the emoji where known. Works on text that is already HTML-escaped (colons are never escaped). */
export function replaceShortcodes(text: string): string {
  return text.replace(/:([a-z0-9_+'-]{1,50}):/gi, (whole, name: string) => emojiFor(name) ?? whole);
}
