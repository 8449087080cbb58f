/**
 * The server's event stream: it says when the workspace changed. While the server is away (stopped, restarting) a bar
 * says so; once the stream is back the page looks again, since anything may have changed meanwhile.
 */
import { byId } from './dom.js';

export function followServer(changed: (version: string) => void, back: () => void): void {
  const bar = byId('connection-lost');
  let lost = false;
  const connect = (): void => {
    const events = new EventSource('/api/events');
    events.onopen = () => {
      if (!lost) return;
      lost = false;
      bar.hidden = true;
      back();
    };
    events.onmessage = (e: MessageEvent<string>) => changed(e.data);
    events.onerror = () => {
      lost = true;
      bar.hidden = false;
      // The browser retries a dropped stream by itself; one it gave up on (an answer that was not a stream) is
      // opened again here.
      if (events.readyState === EventSource.CLOSED) setTimeout(connect, 1_000);
    };
  };
  connect();
}
