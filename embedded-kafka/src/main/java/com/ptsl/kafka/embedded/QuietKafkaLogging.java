package com.ptsl.kafka.embedded;

/**
 * Kafka's broker logs thousands of INFO lines per start. slf4j-simple reads a logger's level from
 * system properties when the logger is created, so setting these before the first Kafka server class
 * loads is enough. An explicit setting (surefire config, -D on the command line) always wins.
 */
final class QuietKafkaLogging {
  private static final String PREFIX = "org.slf4j.simpleLogger.log.";

  private QuietKafkaLogging() {}

  static void apply() {
    setIfAbsent("kafka", "warn");
    setIfAbsent("org.apache.kafka", "warn");
    setIfAbsent("state.change.logger", "warn");
    // Brokers in one JVM share Yammer's global registry; their identical MBean names collide and
    // each collision logs a WARN with a stack trace. Metrics are not what these brokers are for.
    setIfAbsent("com.yammer.metrics", "error");
  }

  private static void setIfAbsent(String logger, String level) {
    if (System.getProperty(PREFIX + logger) == null) {
      System.setProperty(PREFIX + logger, level);
    }
  }
}
