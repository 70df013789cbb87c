// A loopback HTTP server that records every request: proves remote rulesets and $refs are fetched only
// when enabled (no request at all otherwise).
import http from 'node:http';

export async function startRecordingServer(routes) {
  const requests = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url);
    const body = routes[request.url];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/yaml' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
