package io.pallas.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client for one AWS JSON operation: it costs next to nothing per request, so the
 * figures it measures are the server's, not a client library's. Not thread-safe: one per benchmark thread.
 */
final class RawHttpClient
        implements AutoCloseable
{
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    RawHttpClient(URI endpoint)
            throws IOException
    {
        socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        host = endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** Sends one request and reads the whole answer; returns the HTTP status. */
    int call(String target, String body)
            throws IOException
    {
        return exchange(target, body, false).status();
    }

    /** Sends one request and returns the body of its answer, which must be a 200. */
    byte[] fetch(String target, String body)
            throws IOException
    {
        Response response = exchange(target, body, true);
        if (response.status() != 200) {
            throw new IOException("HTTP " + response.status() + " from " + target + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private record Response(int status, byte[] body) {}

    private Response exchange(String target, String body, boolean keepBody)
            throws IOException
    {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: " + target
                + "\r\nContent-Length: " + payload.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        if (keepBody || status != 200) {
            return new Response(status, in.readNBytes(length));
        }
        in.skipNBytes(length);
        return new Response(status, null);
    }

    private String readLine()
            throws IOException
    {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close()
            throws IOException
    {
        socket.close();
    }
}
