package com.ptsl.kafka.embedded;

import java.nio.file.Path;
import java.util.Properties;

/** Server properties for the two layouts: one combined node, or one controller plus N brokers. */
final class NodeConfigs {
  static final String HOST = "127.0.0.1";

  private NodeConfigs() {}

  static Properties combined(int nodeId, int port, int controllerPort, Path logDir) {
    Properties p = clusterWide(1, logDir);
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("node.id", String.valueOf(nodeId));
    p.setProperty("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    return p;
  }

  static Properties controller(int nodeId, int controllerPort, int brokers, Path logDir) {
    Properties p = clusterWide(brokers, logDir);
    p.setProperty("process.roles", "controller");
    // Topic defaults are applied by the controller in KRaft; brokers warn if given this one.
    p.setProperty("default.replication.factor", String.valueOf(Math.min(3, brokers)));
    p.setProperty("node.id", String.valueOf(nodeId));
    p.setProperty("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
    p.setProperty("listeners", "CONTROLLER://" + HOST + ":" + controllerPort);
    return p;
  }

  static Properties broker(int nodeId, int port, String voters, int brokers, Path logDir) {
    Properties p = clusterWide(brokers, logDir);
    p.setProperty("process.roles", "broker");
    p.setProperty("node.id", String.valueOf(nodeId));
    p.setProperty("controller.quorum.voters", voters);
    p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    return p;
  }

  /** Settings every node gets, so controller and brokers agree on replication for internal topics. */
  private static Properties clusterWide(int brokers, Path logDir) {
    int rf = Math.min(3, brokers);
    // With three replicas, min ISR 2 lets acks=all survive one broker being down.
    int minIsr = rf >= 3 ? 2 : 1;
    Properties p = new Properties();
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    p.setProperty("min.insync.replicas", String.valueOf(minIsr));
    // Without these matching the broker count, initTransactions() and consumer groups block forever.
    p.setProperty("offsets.topic.replication.factor", String.valueOf(rf));
    p.setProperty("transaction.state.log.replication.factor", String.valueOf(rf));
    p.setProperty("transaction.state.log.min.isr", String.valueOf(minIsr));
    p.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(rf));
    p.setProperty("share.coordinator.state.topic.min.isr", String.valueOf(minIsr));
    // Fewer internal partitions and no rebalance delay: tests start faster, nothing else changes.
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.num.partitions", "5");
    p.setProperty("share.coordinator.state.topic.num.partitions", "5");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // A restarted broker is only accepted once its previous session expired (default 9 s);
    // 500 ms heartbeats keep a 4 s session safe from spurious fencing.
    p.setProperty("broker.heartbeat.interval.ms", "500");
    p.setProperty("broker.session.timeout.ms", "4000");
    return p;
  }
}
