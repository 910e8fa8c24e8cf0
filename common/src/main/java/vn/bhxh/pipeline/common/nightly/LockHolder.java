package vn.bhxh.pipeline.common.nightly;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Who holds a {@link RunLock}: what the lock file says, in {@code key=value} lines an operator can
 * read with {@code cat}.
 *
 * @param runId the holder's run id (as in the {@code runs} table)
 * @param host the host name of the holder's machine
 * @param pid the holder's process id on that host
 * @param startedAt when it took the lock
 */
public record LockHolder(String runId, String host, long pid, Instant startedAt) {
  private static final String RUN_ID = "run_id";
  private static final String HOST = "host";
  private static final String PID = "pid";
  private static final String STARTED_AT = "started_at";

  public LockHolder {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** This process, holding for a run from now on. */
  public static LockHolder thisProcess(String runId, Instant now) {
    return new LockHolder(runId, localHost(), ProcessHandle.current().pid(), now);
  }

  /** The file content: UTF-8 {@code key=value} lines. */
  public byte[] encode() {
    String text =
        RUN_ID
            + "="
            + runId
            + "\n"
            + HOST
            + "="
            + host
            + "\n"
            + PID
            + "="
            + pid
            + "\n"
            + STARTED_AT
            + "="
            + startedAt
            + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a lock file's content; empty when it is incomplete (a holder is writing it right now) or
   * not a lock file of ours.
   */
  public static Optional<LockHolder> decode(byte[] content) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
      String runId = properties.getProperty(RUN_ID);
      String host = properties.getProperty(HOST);
      String pid = properties.getProperty(PID);
      String startedAt = properties.getProperty(STARTED_AT);
      if (runId == null || host == null || pid == null || startedAt == null) {
        return Optional.empty();
      }
      return Optional.of(
          new LockHolder(runId, host, Long.parseLong(pid.strip()), Instant.parse(startedAt)));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** One phrase for messages: {@code run R (pid P on host H, since T)}. */
  public String describe() {
    return "run " + runId + " (pid " + pid + " on host " + host + ", since " + startedAt + ")";
  }

  /** The host name this process records and compares, looked up once per JVM. */
  static String localHost() {
    return LocalHost.NAME;
  }

  /** Resolves the host name on first use: the lookup may ask the resolver, so not on every look. */
  private static final class LocalHost {
    static final String NAME = lookUp();

    private static String lookUp() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        String fromEnvironment = System.getenv("HOSTNAME");
        return fromEnvironment == null || fromEnvironment.isBlank()
            ? "unknown-host"
            : fromEnvironment;
      }
    }
  }
}
