package vn.bhxh.pipeline.common.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.config.NightlySettings;
import vn.bhxh.pipeline.common.error.LockBusyException;
import vn.bhxh.pipeline.common.error.LockLostException;
import vn.bhxh.pipeline.common.error.PipelineException;

/**
 * An exclusive lock on a warehouse for one run at a time, which survives a killed holder.
 *
 * <p>The lock is a file (by default {@code <warehouse>/_locks/nightly.lock}) created atomically;
 * its content names the holder ({@link LockHolder}: run id, host, pid, start) and its modification
 * time is the holder's heartbeat, refreshed every {@code heartbeat-interval} by a daemon thread.
 * {@link #acquire} takes a free lock at once. A held lock is taken over when its holder is gone:
 *
 * <ul>
 *   <li>same host, and no live process has the holder's pid (or the process with that pid started
 *       after the lock was taken, so the pid was reused): the holder was killed;
 *   <li>any host: the heartbeat is older than {@code stale-after}: the holder died or hangs.
 * </ul>
 *
 * <p>Otherwise the caller waits, looking again every {@code poll-interval}, for up to {@code
 * wait-timeout}, then gets a {@link LockBusyException} whose one-line message names the holder.
 *
 * <p>Taking over is race-free among any number of contenders: a contender renames the stale file to
 * a private name (only one rename of a file succeeds), checks that what it moved is the very state
 * it judged stale (same inode, bytes and heartbeat), deletes it, and then competes for a fresh lock
 * like everyone else. If it moved something else (the holder beat, or a new holder had just taken
 * the lock), it puts the file back with {@code link(2)}, which fails rather than replace a lock
 * created meanwhile.
 *
 * <p>A holder that hung past {@code stale-after} and was taken over learns it from {@link
 * Handle#verify()} (and from its heartbeat thread): it must stop before its next write.
 *
 * <p>Storage: a {@code file:} (or scheme-less) warehouse uses java.nio, atomic on any local POSIX
 * file system. Other schemes go through Hadoop's {@code FileSystem}: atomic on HDFS; on object
 * stores (s3a:, gs:, abfs: without hierarchical namespace) create-if-absent and rename are not
 * atomic, so the lock only narrows the window and the scheduler's overlap protection (flock in
 * cron, {@code max_active_runs=1} in Airflow) is what guarantees one run at a time.
 */
public final class RunLock {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

  /** How a waiting run passes the time between two looks at the lock. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final LockStorage storage;
  private final NightlySettings.Lock settings;
  private final Clock clock;
  private final Pause pause;

  RunLock(LockStorage storage, NightlySettings.Lock settings, Clock clock, Pause pause) {
    this.storage = storage;
    this.settings = settings;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * The lock of a warehouse, at {@code <warehouse>/<settings.path>}.
   *
   * @param warehouse the warehouse root (a Hadoop path: {@code file:}, scheme-less, {@code hdfs:}…)
   * @param hadoop the Hadoop configuration for non-local file systems (the Spark context's)
   */
  public static RunLock forWarehouse(
      String warehouse, NightlySettings.Lock settings, Configuration hadoop, Clock clock) {
    Path lockPath = new Path(warehouse.replaceAll("/+$", "") + "/" + settings.path());
    String scheme = lockPath.toUri().getScheme();
    LockStorage storage;
    if (scheme == null || scheme.equals("file")) {
      storage = new LocalLockStorage(Paths.get(lockPath.toUri().getPath()));
    } else {
      try {
        storage = new HadoopLockStorage(lockPath.getFileSystem(hadoop), lockPath);
      } catch (IOException e) {
        throw new PipelineException(
            "cannot open the file system of lock " + lockPath + ": " + e.getMessage(), e);
      }
    }
    return new RunLock(storage, settings, clock, duration -> Thread.sleep(duration.toMillis()));
  }

  /** A lock on a local file, for tests and tools. */
  static RunLock local(
      java.nio.file.Path file, NightlySettings.Lock settings, Clock clock, Pause pause) {
    return new RunLock(new LocalLockStorage(file), settings, clock, pause);
  }

  /** A lock through a Hadoop file system, for tests of that storage. */
  static RunLock hadoop(
      org.apache.hadoop.fs.FileSystem fs,
      Path file,
      NightlySettings.Lock settings,
      Clock clock,
      Pause pause) {
    return new RunLock(new HadoopLockStorage(fs, file), settings, clock, pause);
  }

  /** Where the lock file is. */
  public String location() {
    return storage.location();
  }

  /**
   * Takes the lock for a run, waiting up to {@code wait-timeout} for a live holder to finish.
   *
   * @return the held lock; close it (try-with-resources) to release
   * @throws LockBusyException when a live holder kept it for the whole wait (message names it)
   * @throws PipelineException when the lock file cannot be read or written
   */
  public Handle acquire(String runId) {
    Instant deadline = clock.instant().plus(settings.waitTimeout());
    Instant firstLook = clock.instant();
    try {
      while (true) {
        LockHolder me = LockHolder.thisProcess(runId, clock.instant());
        byte[] content = me.encode();
        if (storage.createNew(content)) {
          storage.touch(clock.instant());
          LOG.info("took lock {} for {}", storage.location(), me.describe());
          return new Handle(me, content);
        }
        Optional<LockStorage.State> observed = storage.read();
        if (observed.isEmpty()) {
          continue; // released between our two calls: try again at once
        }
        Optional<LockHolder> holder = LockHolder.decode(observed.get().content());
        Optional<String> goneBecause = whyGone(observed.get(), holder);
        if (goneBecause.isPresent()) {
          evict(observed.get(), holder, goneBecause.get(), runId);
          continue;
        }
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
          throw new LockBusyException(busyMessage(holder, observed.get(), now, firstLook));
        }
        Duration left = Duration.between(now, deadline);
        Duration wait =
            left.compareTo(settings.pollInterval()) < 0 ? left : settings.pollInterval();
        LOG.info(
            "lock {} is held by {}; waiting (up to {} more)",
            storage.location(),
            holder.map(LockHolder::describe).orElse("a run still writing it"),
            left);
        pause.pause(wait);
      }
    } catch (IOException e) {
      throw new PipelineException(
          "cannot use lock " + storage.location() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException("interrupted while waiting for lock " + storage.location(), e);
    }
  }

  /** Why a lock's holder counts as gone, or empty while it counts as alive. */
  private Optional<String> whyGone(LockStorage.State state, Optional<LockHolder> holder) {
    if (holder.isPresent() && holder.get().host().equals(LockHolder.localHost())) {
      long pid = holder.get().pid();
      Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (process.isEmpty()) {
        return Optional.of("its process " + pid + " is no longer running on this host");
      }
      Optional<Instant> processStart = process.get().info().startInstant();
      if (processStart.isPresent() && processStart.get().isAfter(holder.get().startedAt())) {
        return Optional.of("pid " + pid + " now belongs to a process started after the lock");
      }
    }
    Duration age = Duration.between(state.heartbeat(), clock.instant());
    if (age.compareTo(settings.staleAfter()) > 0) {
      return Optional.of(
          "its heartbeat is "
              + seconds(age)
              + " old (pipeline.nightly.lock.stale-after = "
              + seconds(settings.staleAfter())
              + ")");
    }
    return Optional.empty();
  }

  /** Removes a lock judged gone, if it is still exactly what was judged (see the class doc). */
  private void evict(
      LockStorage.State judged, Optional<LockHolder> holder, String why, String runId)
      throws IOException {
    String tag = "evicted-by-" + runId;
    Optional<LockStorage.State> moved = storage.moveAside(tag);
    if (moved.isEmpty()) {
      return; // someone else removed it first
    }
    if (moved.get().sameAs(judged)) {
      storage.deleteAside(tag);
      LOG.warn(
          "took over lock {} from {}: {}",
          storage.location(),
          holder.map(LockHolder::describe).orElse("an unreadable lock file"),
          why);
      return;
    }
    if (!storage.restore(tag)) {
      LOG.warn(
          "lock {} changed hands while being taken over; its newest holder will find it lost",
          storage.location());
    }
  }

  private String busyMessage(
      Optional<LockHolder> holder, LockStorage.State state, Instant now, Instant firstLook) {
    return "another nightly is running: "
        + holder.map(LockHolder::describe).orElse("an unidentified run")
        + ", heartbeat "
        + seconds(Duration.between(state.heartbeat(), now))
        + " ago; lock "
        + storage.location()
        + "; gave up after waiting "
        + seconds(Duration.between(firstLook, now))
        + " (pipeline.nightly.lock.wait-timeout)";
  }

  private static String seconds(Duration duration) {
    return Math.max(0, duration.toSeconds()) + " s";
  }

  /**
   * The lock, held. Its heartbeat runs on a daemon thread until {@link #close()}. Call {@link
   * #verify()} before each write (each Delta commit) of the run.
   */
  public final class Handle implements AutoCloseable {
    private final LockHolder holder;
    private final byte[] content;
    private final ScheduledExecutorService heartbeat;
    private volatile String lostBecause;
    private boolean closed;

    private Handle(LockHolder holder, byte[] content) {
      this.holder = holder;
      this.content = content.clone();
      this.heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "run-lock-heartbeat " + holder.runId());
                thread.setDaemon(true); // never keeps a finished driver alive
                return thread;
              });
      long every = settings.heartbeatInterval().toMillis();
      heartbeat.scheduleWithFixedDelay(this::beatQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Who holds it: this process and run. */
    public LockHolder holder() {
      return holder;
    }

    /**
     * Refreshes the heartbeat, after checking the lock is still this run's.
     *
     * @throws LockLostException when another run took it over
     */
    public void beat() {
      verify();
      try {
        storage.touch(clock.instant());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot refresh lock " + storage.location(), e);
      }
    }

    /**
     * Checks that the lock is still this run's.
     *
     * @throws LockLostException when it was taken over or removed; the run must stop writing
     */
    public void verify() {
      if (lostBecause == null) {
        Optional<LockStorage.State> now;
        try {
          now = storage.read();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read lock " + storage.location(), e);
        }
        if (now.isEmpty()) {
          lostBecause = "the lock file was removed";
        } else if (!Arrays.equals(now.get().content(), content)) {
          lostBecause =
              "it now belongs to "
                  + LockHolder.decode(now.get().content())
                      .map(LockHolder::describe)
                      .orElse("another run");
        }
      }
      if (lostBecause != null) {
        throw new LockLostException(
            "run "
                + holder.runId()
                + " lost lock "
                + storage.location()
                + ": "
                + lostBecause
                + "; stopping before further writes (run nightly again)");
      }
    }

    private void beatQuietly() {
      try {
        beat();
      } catch (LockLostException e) {
        LOG.error(e.getMessage());
        heartbeat.shutdown();
      } catch (RuntimeException e) {
        // A missed beat is not yet a lost lock: the next one may succeed well within stale-after.
        LOG.warn(
            "could not refresh the heartbeat of lock {}: {}", storage.location(), e.toString());
      }
    }

    /** Releases the lock if it is still this run's; never throws for a lock already lost. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      heartbeat.shutdownNow();
      String tag = "released-by-" + holder.runId();
      try {
        Optional<LockStorage.State> moved = storage.moveAside(tag);
        if (moved.isEmpty()) {
          LOG.warn("lock {} was already gone at release", storage.location());
        } else if (Arrays.equals(moved.get().content(), content)) {
          storage.deleteAside(tag);
          LOG.info("released lock {}", storage.location());
        } else {
          storage.restore(tag);
          LOG.warn("lock {} belonged to another run at release; left to it", storage.location());
        }
      } catch (IOException e) {
        throw new PipelineException(
            "cannot release lock "
                + storage.location()
                + " ("
                + e.getMessage()
                + "); the next run takes it over once it is stale",
            e);
      }
    }
  }
}
