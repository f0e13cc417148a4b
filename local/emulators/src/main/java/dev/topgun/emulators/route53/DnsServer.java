package dev.topgun.emulators.route53;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * The hosted zones' name server: UDP and TCP on one loopback port, each query answered by {@link
 * DnsAnswers} from the zones as they are at that moment.
 */
public final class DnsServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);

  /** TCP connections served at once; more wait in the accept backlog. */
  static final int TCP_CONNECTIONS = 16;

  /** An idle TCP connection is closed after this (RFC 7766 suggests seconds, not minutes). */
  static final int TCP_IDLE_MILLIS = 10_000;

  private static final int BIND_ATTEMPTS = 5;

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Supplier<ServedZones> zones;
  private final ExecutorService connections;
  private final Thread udpLoop;
  private final Thread tcpLoop;
  private volatile boolean closed;

  private DnsServer(DatagramSocket udp, ServerSocket tcp, Supplier<ServedZones> zones) {
    this.udp = udp;
    this.tcp = tcp;
    this.zones = zones;
    AtomicInteger threads = new AtomicInteger();
    this.connections =
        new ThreadPoolExecutor(
            0,
            TCP_CONNECTIONS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> daemon(task, "dns-tcp-" + threads.incrementAndGet()));
    this.udpLoop = daemon(this::serveUdp, "dns-udp");
    this.tcpLoop = daemon(this::acceptTcp, "dns-tcp-accept");
  }

  /**
   * Listens on {@code 127.0.0.1:port}, UDP and TCP.
   *
   * @param port 0 for a port free for both
   * @throws IllegalStateException when the port is taken
   */
  public static DnsServer start(int port, Supplier<ServedZones> zones) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 1; ; attempt++) {
      DatagramSocket udp = null;
      try {
        udp = new DatagramSocket(new InetSocketAddress(loopback, port));
        ServerSocket tcp = new ServerSocket();
        try {
          tcp.setReuseAddress(true);
          tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()), 64);
        } catch (IOException e) {
          tcp.close();
          throw e;
        }
        DnsServer server = new DnsServer(udp, tcp, zones);
        server.udpLoop.start();
        server.tcpLoop.start();
        return server;
      } catch (IOException e) {
        if (udp != null) {
          udp.close();
        }
        // With port 0 the UDP port's TCP twin may be taken: try another free one.
        if (port != 0 || attempt >= BIND_ATTEMPTS) {
          throw new IllegalStateException(
              "The DNS server cannot listen on 127.0.0.1:" + port + " (UDP and TCP)", e);
        }
      }
    }
  }

  public int port() {
    return udp.getLocalPort();
  }

  private void serveUdp() {
    byte[] buffer = new byte[DnsAnswers.MAX_TCP];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] answer = answer(query, false);
        if (answer != null) {
          udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("DNS over UDP: {}", e.toString());
        }
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("DNS over TCP: {}", e.toString());
        }
        continue;
      }
      try {
        connections.execute(() -> serveTcp(socket));
      } catch (RejectedExecutionException e) {
        close(socket);
      }
    }
  }

  /** Queries one after another on one connection, each with its two-byte length (RFC 1035). */
  private void serveTcp(Socket socket) {
    try (socket) {
      socket.setSoTimeout(TCP_IDLE_MILLIS);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      while (!closed) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException e) {
          return;
        }
        byte[] query = new byte[length];
        in.readFully(query);
        byte[] answer = answer(query, true);
        if (answer == null) {
          return;
        }
        out.writeShort(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (SocketException | EOFException e) {
      // the client went away
    } catch (IOException e) {
      LOG.warn("DNS over TCP: {}", e.toString());
    }
  }

  private byte[] answer(byte[] query, boolean overTcp) {
    try {
      return DnsAnswers.respond(query, overTcp, zones.get());
    } catch (RuntimeException e) {
      // A query the answer logic trips over must not stop the server.
      LOG.error("DNS query failed", e);
      return DnsAnswers.error(query, Rcode.SERVFAIL);
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connections.shutdownNow();
  }
}
