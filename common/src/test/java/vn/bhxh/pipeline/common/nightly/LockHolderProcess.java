package vn.bhxh.pipeline.common.nightly;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import vn.bhxh.pipeline.common.config.NightlySettings;

/**
 * A separate JVM that takes a {@link RunLock} and holds it until killed, for {@link RunLockTest}:
 * prints {@code HELD <pid>} once it holds the lock, then blocks reading standard input.
 */
public final class LockHolderProcess {
  private LockHolderProcess() {}

  public static void main(String[] args) throws Exception {
    NightlySettings.Lock settings =
        new NightlySettings.Lock(
            "_locks/nightly.lock",
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofMinutes(3),
            Duration.ofMinutes(10));
    RunLock lock =
        RunLock.local(
            Path.of(args[0]),
            settings,
            Clock.systemUTC(),
            duration -> {
              throw new IllegalStateException("the holder never waits");
            });
    RunLock.Handle handle = lock.acquire(args[1]);
    System.out.println("HELD " + handle.holder().pid());
    System.out.flush();
    // Hold until killed (the test never writes to our standard input).
    while (System.in.read() >= 0) {
      // keep holding
    }
  }
}
