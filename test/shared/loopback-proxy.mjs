// A forward proxy on loopback for tests: plain GETs with absolute URLs, and CONNECT tunnels (what undici
// uses). `requests` records what went through it, so a test can prove traffic took the proxy.
import http from 'node:http';
import net from 'node:net';

export async function startLoopbackProxy() {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    http
      .get(req.url, (upstream) => {
        res.writeHead(upstream.statusCode, upstream.headers);
        upstream.pipe(res);
      })
      .on('error', () => res.writeHead(502).end());
  });
  server.on('connect', (req, socket, head) => {
    requests.push(req.url);
    const [host, port] = req.url.split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { requests, url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
