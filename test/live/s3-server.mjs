// A real S3-compatible server (s3rver) on loopback for the live-mode tests. Plain Node, not tsx:
// s3rver's dependency chain (koa -> is-generator-function -> generator-function) loads through
// require(esm), which tsx's loader breaks. Started with --openssl-legacy-provider: its
// continuation tokens use DES, which OpenSSL 3 leaves out by default. Prints {"port": N} once listening,
// then one {"request": "GET /trail/key?query"} line per request (tests count what was fetched); SIGTERM stops it.
import S3rver from 's3rver';

const directory = process.argv[2];
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'trail' }] });
// every request, before s3rver's own handler (it listens with this.callback())
const callback = server.callback.bind(server);
server.callback = () => {
  const handle = callback();
  return (req, res) => {
    process.stdout.write(`${JSON.stringify({ request: `${req.method} ${req.url}` })}\n`);
    return handle(req, res);
  };
};
const info = await server.run();
process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
process.on('SIGTERM', async () => {
  await server.close();
  process.exit(0);
});
