package vn.bhxh.pipeline.common.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.config.NightlySettings;
import vn.bhxh.pipeline.common.error.LockBusyException;
import vn.bhxh.pipeline.common.error.LockLostException;
import vn.bhxh.pipeline.common.testing.MutableClock;

class RunLockTest {
  private static final Duration POLL = Duration.ofSeconds(5);
  private static final Duration STALE_AFTER = Duration.ofMinutes(10);

  @TempDir Path warehouse;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final List<RunLock.Handle> handles = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void releaseEverything() {
    handles.forEach(RunLock.Handle::close);
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void theHolderIsNamedInTheLockFileAndReleaseRemovesIt() throws IOException {
    RunLock lock = lock(Duration.ZERO, noWaiting());

    RunLock.Handle handle = lock.acquire("run-a");

    Path file = lockFile();
    assertThat(lock.location()).isEqualTo(file.toString());
    LockHolder holder = LockHolder.decode(Files.readAllBytes(file)).orElseThrow();
    assertThat(holder.runId()).isEqualTo("run-a");
    assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(holder.host()).isEqualTo(LockHolder.localHost());
    assertThat(Files.readString(file)).contains("run_id=run-a\n", "pid=" + holder.pid() + "\n");
    assertThat(handle.holder()).isEqualTo(holder);

    handle.close();

    assertThat(file).doesNotExist();
    assertThat(filesBesideTheLock()).isEmpty();
    // A released lock is free again at once.
    keep(lock.acquire("run-b"));
  }

  @Test
  void aSecondRunExitsAtOnceWithTheHolderNamed() {
    keep(lock(Duration.ZERO, noWaiting()).acquire("run-a"));

    assertThatThrownBy(() -> lock(Duration.ZERO, noWaiting()).acquire("run-b"))
        .isInstanceOf(LockBusyException.class)
        .hasMessageStartingWith("another nightly is running: run run-a (pid ")
        .hasMessageContaining("on host " + LockHolder.localHost())
        .hasMessageContaining(lockFile().toString())
        .hasMessageContaining("waiting 0 s (pipeline.nightly.lock.wait-timeout)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void manyThreadsRacingGetExactlyOneLock() throws Exception {
    int contenders = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    try {
      List<Future<RunLock.Handle>> attempts = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        String runId = "run-" + i;
        Callable<RunLock.Handle> attempt =
            () -> {
              start.await();
              try {
                return lock(Duration.ZERO, noWaiting()).acquire(runId);
              } catch (LockBusyException e) {
                return null;
              }
            };
        attempts.add(pool.submit(attempt));
      }
      start.countDown();
      List<RunLock.Handle> winners = new ArrayList<>();
      for (Future<RunLock.Handle> attempt : attempts) {
        RunLock.Handle handle = attempt.get(1, TimeUnit.MINUTES);
        if (handle != null) {
          winners.add(keep(handle));
        }
      }
      assertThat(winners).hasSize(1);
      String content = Files.readString(lockFile());
      assertThat(content).contains("run_id=" + winners.get(0).holder().runId() + "\n");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWaitingRunGetsTheLockWhenTheHolderReleasesIt() {
    RunLock.Handle first = lock(Duration.ZERO, noWaiting()).acquire("run-a");
    List<Duration> pauses = new ArrayList<>();
    RunLock second =
        lock(
            Duration.ofMinutes(30),
            duration -> {
              pauses.add(duration);
              clock.advance(duration);
              if (pauses.size() == 3) {
                first.close(); // the first run finishes while the second waits
              }
            });

    RunLock.Handle handle = keep(second.acquire("run-b"));

    assertThat(handle.holder().runId()).isEqualTo("run-b");
    assertThat(pauses).containsExactly(POLL, POLL, POLL);
  }

  @Test
  void aWaitingRunGivesUpAfterTheTimeout() {
    keep(lock(Duration.ZERO, noWaiting()).acquire("run-a"));
    List<Duration> pauses = new ArrayList<>();
    RunLock second =
        lock(
            Duration.ofSeconds(12),
            duration -> {
              pauses.add(duration);
              clock.advance(duration);
              touch(lockFile(), clock.instant()); // the holder's heartbeat goes on meanwhile
            });

    assertThatThrownBy(() -> second.acquire("run-b"))
        .isInstanceOf(LockBusyException.class)
        .hasMessageContaining("run run-a")
        .hasMessageContaining("heartbeat 0 s ago")
        .hasMessageContaining("gave up after waiting 12 s");
    // 5 s, 5 s, then the 2 s left: never past the deadline.
    assertThat(pauses).containsExactly(POLL, POLL, Duration.ofSeconds(2));
  }

  @Test
  void aLockWithAStaleHeartbeatIsTakenOverWhateverItsHost() throws IOException {
    writeLock(new LockHolder("run-old", "another-host", 4242, clock.instant()), Duration.ZERO);
    clock.advance(STALE_AFTER.plusSeconds(1));

    RunLock.Handle handle = keep(lock(Duration.ZERO, noWaiting()).acquire("run-new"));

    assertThat(handle.holder().runId()).isEqualTo("run-new");
    assertThat(Files.readString(lockFile())).contains("run_id=run-new");
    assertThat(filesBesideTheLock()).isEmpty();
  }

  @Test
  void aLockOfAnotherHostWithAFreshHeartbeatIsRespected() throws IOException {
    writeLock(new LockHolder("run-remote", "another-host", 4242, clock.instant()), Duration.ZERO);
    clock.advance(STALE_AFTER); // exactly stale-after: not yet older than it

    assertThatThrownBy(() -> lock(Duration.ZERO, noWaiting()).acquire("run-b"))
        .isInstanceOf(LockBusyException.class)
        .hasMessageContaining("run run-remote (pid 4242 on host another-host")
        .hasMessageContaining("heartbeat 600 s ago");
    assertThat(Files.readString(lockFile())).contains("run_id=run-remote");
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    assertThat(finished.waitFor(1, TimeUnit.MINUTES)).isTrue();
    long deadPid = finished.pid();
    writeLock(
        new LockHolder("run-killed", LockHolder.localHost(), deadPid, clock.instant()),
        Duration.ZERO);

    RunLock.Handle handle = keep(lock(Duration.ZERO, noWaiting()).acquire("run-new"));

    assertThat(handle.holder().runId()).isEqualTo("run-new");
  }

  @Test
  void aReusedPidDoesNotKeepALockAlive() throws IOException {
    // The lock says our own pid, but was taken before this JVM started: the pid was reused.
    Instant beforeThisProcess =
        ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(60);
    writeLock(
        new LockHolder(
            "run-before-reboot",
            LockHolder.localHost(),
            ProcessHandle.current().pid(),
            beforeThisProcess),
        Duration.ZERO);

    RunLock.Handle handle = keep(lock(Duration.ZERO, noWaiting()).acquire("run-new"));

    assertThat(handle.holder().runId()).isEqualTo("run-new");
  }

  @Test
  void anUnreadableLockFileCountsAsHeldUntilItIsStale() throws IOException {
    Files.createDirectories(lockFile().getParent());
    Files.writeString(lockFile(), "not a lock file");
    touch(lockFile(), clock.instant());

    assertThatThrownBy(() -> lock(Duration.ZERO, noWaiting()).acquire("run-b"))
        .isInstanceOf(LockBusyException.class)
        .hasMessageStartingWith("another nightly is running: an unidentified run, heartbeat");

    clock.advance(STALE_AFTER.plusSeconds(1));
    assertThat(keep(lock(Duration.ZERO, noWaiting()).acquire("run-b")).holder().runId())
        .isEqualTo("run-b");
  }

  @Test
  void aHolderTakenOverLearnsItAndLeavesTheNewLockAlone() throws IOException {
    RunLock.Handle hung = lock(Duration.ZERO, noWaiting()).acquire("run-hung");
    handles.add(hung);
    clock.advance(STALE_AFTER.plusMinutes(1)); // its heartbeat stopped

    RunLock.Handle next = keep(lock(Duration.ZERO, noWaiting()).acquire("run-next"));

    assertThatThrownBy(hung::verify)
        .isInstanceOf(LockLostException.class)
        .hasMessageContaining("run run-hung lost lock")
        .hasMessageContaining("it now belongs to run run-next");
    assertThatThrownBy(hung::beat).isInstanceOf(LockLostException.class);
    hung.close();
    assertThat(Files.readString(lockFile())).contains("run_id=run-next");
    next.verify();
    assertThat(filesBesideTheLock()).isEmpty();
  }

  @Test
  void theHeartbeatKeepsALongRunFromBeingTakenOver() throws IOException {
    RunLock.Handle handle = keep(lock(Duration.ZERO, noWaiting()).acquire("run-long"));
    clock.advance(STALE_AFTER.minusMinutes(1));
    handle.beat();
    assertThat(Files.getLastModifiedTime(lockFile()).toInstant())
        .isCloseTo(
            clock.instant(),
            org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
    clock.advance(STALE_AFTER.minusMinutes(1)); // 18 minutes after the start, 9 after the beat

    assertThatThrownBy(() -> lock(Duration.ZERO, noWaiting()).acquire("run-b"))
        .isInstanceOf(LockBusyException.class)
        .hasMessageContaining("run run-long");
    handle.verify();
  }

  @Test
  void aKilledHolderProcessLeavesALockTheNextRunTakesOver() throws Exception {
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderProcess.class.getName(),
                lockFile().toString(),
                "run-doomed")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(holder);
    String line;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      line = out.readLine();
    }
    assertThat(line).isEqualTo("HELD " + holder.pid());

    assertThatThrownBy(() -> lock(Duration.ZERO, noWaiting()).acquire("run-next"))
        .isInstanceOf(LockBusyException.class)
        .hasMessageContaining("run run-doomed (pid " + holder.pid() + " on host");

    holder.destroyForcibly(); // SIGKILL: no shutdown hook, no release
    assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(lockFile()).exists();

    RunLock.Handle handle = keep(lock(Duration.ZERO, noWaiting()).acquire("run-next"));
    assertThat(handle.holder().runId()).isEqualTo("run-next");
  }

  @Test
  void aWarehouseWithoutSchemeOrWithFileSchemeUsesTheLocalLock() {
    NightlySettings.Lock settings = settings(Duration.ZERO);
    org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration(false);

    RunLock plain = RunLock.forWarehouse(warehouse.toString() + "/", settings, hadoop, clock);
    RunLock uri = RunLock.forWarehouse(warehouse.toUri().toString(), settings, hadoop, clock);

    assertThat(plain.location()).isEqualTo(lockFile().toString());
    assertThat(uri.location()).isEqualTo(lockFile().toString());
    keep(plain.acquire("run-a"));
    assertThatThrownBy(() -> uri.acquire("run-b")).isInstanceOf(LockBusyException.class);
  }

  @Test
  void theHadoopStorageFollowsTheSameProtocol() throws IOException {
    // Hadoop's raw local file system stands in for HDFS: same calls, not the same atomicity.
    org.apache.hadoop.fs.FileSystem fs =
        org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration(false))
            .getRawFileSystem();
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(lockFile().toUri());
    RunLock first = RunLock.hadoop(fs, file, settings(Duration.ZERO), clock, noWaiting());
    RunLock second = RunLock.hadoop(fs, file, settings(Duration.ZERO), clock, noWaiting());

    RunLock.Handle held = first.acquire("run-a");
    assertThat(first.location()).isEqualTo("file:" + lockFile());
    assertThat(Files.readString(lockFile())).contains("run_id=run-a");
    assertThatThrownBy(() -> second.acquire("run-b"))
        .isInstanceOf(LockBusyException.class)
        .hasMessageContaining("run run-a");

    clock.advance(STALE_AFTER.plusSeconds(1));
    RunLock.Handle taken = keep(second.acquire("run-b"));
    assertThatThrownBy(held::verify).isInstanceOf(LockLostException.class);
    held.close();
    assertThat(Files.readString(lockFile())).contains("run_id=run-b");

    taken.close();
    assertThat(lockFile()).doesNotExist();
    assertThat(filesBesideTheLock()).isEmpty();
  }

  private RunLock lock(Duration waitTimeout, RunLock.Pause pause) {
    return RunLock.local(lockFile(), settings(waitTimeout), clock, pause);
  }

  private static NightlySettings.Lock settings(Duration waitTimeout) {
    // The heartbeat thread would first beat after 3 minutes: never within a test.
    return new NightlySettings.Lock(
        "_locks/nightly.lock", waitTimeout, POLL, Duration.ofMinutes(3), STALE_AFTER);
  }

  private static RunLock.Pause noWaiting() {
    return duration -> {
      throw new AssertionError("a run without wait-timeout must not wait");
    };
  }

  private Path lockFile() {
    return warehouse.resolve("_locks").resolve("nightly.lock");
  }

  private List<Path> filesBesideTheLock() throws IOException {
    try (Stream<Path> files = Files.list(lockFile().getParent())) {
      return files.filter(f -> !f.equals(lockFile())).toList();
    }
  }

  private void writeLock(LockHolder holder, Duration heartbeatAge) throws IOException {
    Files.createDirectories(lockFile().getParent());
    Files.write(lockFile(), holder.encode());
    touch(lockFile(), clock.instant().minus(heartbeatAge));
  }

  private static void touch(Path file, Instant time) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(time));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private RunLock.Handle keep(RunLock.Handle handle) {
    handles.add(handle);
    return handle;
  }
}
