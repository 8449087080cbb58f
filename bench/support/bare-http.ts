/**
 * The baseline for the alert-webhook benchmark: an HTTP server that reads each request's body and answers 200, and
 * does nothing else, in its own process like the bot. Prints `{"port":N} bare http ready` on stdout.
 */
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
console.log(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })} bare http ready`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
