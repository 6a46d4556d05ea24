package com.ptsl.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/** One Kafka server (broker, controller or both) running in this JVM. */
final class KRaftNode {
  final String name;
  final int nodeId;
  /** PLAINTEXT port, or -1 for a controller-only node. */
  final int port;
  private final Properties props;
  private final Path propsFile;
  private KafkaRaftServer server;

  KRaftNode(String name, int nodeId, int port, Properties props, Path propsFile) {
    this.name = name;
    this.nodeId = nodeId;
    this.port = port;
    this.props = props;
    this.propsFile = propsFile;
  }

  String address() {
    return NodeConfigs.HOST + ":" + port;
  }

  /** Formats the log dir in-process; already formatted dirs (persistent data) are left alone. */
  void format(String clusterId) {
    try (OutputStream out = Files.newOutputStream(propsFile)) {
      props.store(out, "embedded-kafka " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> args = List.of("format", "-t", clusterId, "-c", propsFile.toString(), "--ignore-formatted");
    int rc;
    try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(args.toArray(String[]::new), ps);
    }
    if (rc != 0) {
      throw new IllegalStateException("Formatting " + name + " failed (" + rc + "): " + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** Blocks until the node has caught up with the metadata quorum. */
  synchronized void start() {
    if (server != null) {
      return;
    }
    KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    try {
      s.startup();
    } catch (RuntimeException | Error e) {
      // A half-started server holds ports and threads; release them before reporting.
      try {
        s.shutdown();
        s.awaitShutdown();
      } catch (RuntimeException ignored) {
        e.addSuppressed(ignored);
      }
      throw e;
    }
    server = s;
  }

  /** Controlled shutdown for brokers: leadership moves away before the process stops. */
  synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
  }

  synchronized boolean running() {
    return server != null;
  }
}
