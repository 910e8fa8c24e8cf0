package vn.bhxh.pipeline.common.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.nightly.ChangeDetector;

/**
 * The {@code pipeline.nightly} section of the configuration (see {@code reference.conf}).
 *
 * @param lock the warehouse lock that keeps two nightly runs from overlapping
 * @param verification how a landing file of unchanged size is proven unchanged
 */
public record NightlySettings(Lock lock, ChangeDetector.Verification verification)
    implements Serializable {

  public NightlySettings {
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(verification, "verification");
  }

  /**
   * The nightly lock ({@code pipeline.nightly.lock.*}).
   *
   * @param path the lock file, relative to the warehouse root
   * @param waitTimeout how long a second run waits for the lock; zero: exit at once
   * @param pollInterval how often a waiting run looks again
   * @param heartbeatInterval how often the holder refreshes the lock's heartbeat
   * @param staleAfter a heartbeat older than this means the holder is gone, whatever its host
   */
  public record Lock(
      String path,
      Duration waitTimeout,
      Duration pollInterval,
      Duration heartbeatInterval,
      Duration staleAfter)
      implements Serializable {

    /** How many heartbeats may be missed before a lock counts as stale. */
    public static final int MIN_HEARTBEATS_PER_STALE_PERIOD = 3;

    public Lock {
      Objects.requireNonNull(path, "path");
      if (path.isBlank() || path.startsWith("/") || path.contains(":") || path.contains("..")) {
        throw new ConfigurationException(
            "pipeline.nightly.lock.path must be a path relative to the warehouse, got '"
                + path
                + "'");
      }
      if (waitTimeout.isNegative()) {
        throw new ConfigurationException(
            "pipeline.nightly.lock.wait-timeout must not be negative, got " + waitTimeout);
      }
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new ConfigurationException(
            "pipeline.nightly.lock.poll-interval must be positive, got " + pollInterval);
      }
      if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
        throw new ConfigurationException(
            "pipeline.nightly.lock.heartbeat-interval must be positive, got " + heartbeatInterval);
      }
      if (staleAfter.compareTo(heartbeatInterval.multipliedBy(MIN_HEARTBEATS_PER_STALE_PERIOD))
          < 0) {
        throw new ConfigurationException(
            "pipeline.nightly.lock.stale-after ("
                + staleAfter
                + ") must be at least "
                + MIN_HEARTBEATS_PER_STALE_PERIOD
                + " × pipeline.nightly.lock.heartbeat-interval ("
                + heartbeatInterval
                + "), or a live holder could be taken over");
      }
    }
  }

  /** Types the section of a loaded tree (full paths, so every message names the whole key). */
  static NightlySettings from(Config c) {
    return new NightlySettings(
        new Lock(
            c.getString("pipeline.nightly.lock.path"),
            c.getDuration("pipeline.nightly.lock.wait-timeout"),
            c.getDuration("pipeline.nightly.lock.poll-interval"),
            c.getDuration("pipeline.nightly.lock.heartbeat-interval"),
            c.getDuration("pipeline.nightly.lock.stale-after")),
        verification(c, "pipeline.nightly.verification"));
  }

  private static ChangeDetector.Verification verification(Config c, String key) {
    String value = c.getString(key);
    return switch (value) {
      case "modification-time" -> ChangeDetector.Verification.MODIFICATION_TIME;
      case "checksum" -> ChangeDetector.Verification.CHECKSUM;
      default ->
          throw new ConfigurationException(
              key + " must be modification-time or checksum, got '" + value + "'");
    };
  }
}
