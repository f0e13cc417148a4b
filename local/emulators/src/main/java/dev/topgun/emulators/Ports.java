package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback TCP ports: the emulators bind to 127.0.0.1 only. */
final class Ports {

  private static final int CONNECT_TIMEOUT_MILLIS = 250;

  private Ports() {}

  /**
   * A port that was free a moment ago. The emulators are told their port up front because
   * cognito-local writes it into the token issuer, so asking the child for port 0 is no option.
   */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port on the loopback interface", e);
    }
  }

  static boolean isAccepting(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
