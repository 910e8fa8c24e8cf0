package vn.bhxh.pipeline.jobs.report;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.error.PipelineException;

/**
 * Publishes a folder (or a file) so that its readers only ever find the previous complete version
 * or the new complete one, never a half-written one:
 *
 * <ol>
 *   <li>the new version is written to a hidden staging sibling ({@code _staging-<name>-<run>});
 *   <li>the published version, if any, is renamed away to {@code _previous-<name>};
 *   <li>the staging sibling is renamed to the published name;
 *   <li>the previous version is deleted.
 * </ol>
 *
 * A failure in 1 deletes the staging sibling and leaves the published version as it was; a failure
 * in 3 renames the previous version back. A process killed between 2 and 3 leaves {@code
 * _previous-<name>} without a published version: the next publication (or {@link #recover}) puts it
 * back first. Names starting with {@code _} are hidden from Spark's and Hadoop's readers, so a
 * reader of the parent folder never sees staging or previous versions.
 *
 * <p>Atomic on HDFS and local file systems, where renaming a folder is atomic; on object stores
 * without atomic rename the window between 2 and 3 is as long as the copy takes.
 */
final class AtomicPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicPublisher.class);
  private static final String STAGING = "_staging-";
  private static final String PREVIOUS = "_previous-";

  private final FileSystem fs;

  AtomicPublisher(FileSystem fs) {
    this.fs = fs;
  }

  /**
   * Writes a new version of {@code target} through {@code writer}, which receives the path to write
   * to (absent, with an existing parent), then swaps it in.
   *
   * @param attempt distinguishes the staging paths of different runs (the run id)
   */
  void publish(Path target, String attempt, Consumer<Path> writer) {
    recover(target);
    Path staging = sibling(target, STAGING, "-" + attempt);
    try {
      fs.mkdirs(target.getParent());
      writer.accept(staging);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staging);
      throw failure("writing " + target + " failed; the previous version is unchanged", e);
    }
    swapIn(target, staging);
  }

  /**
   * Swaps a complete new version, written elsewhere on the same file system ({@code ready}), in
   * place of {@code target} (steps 2 to 4). {@code ready} is moved, or deleted on failure.
   */
  void replace(Path target, Path ready) {
    try {
      restorePrevious(target);
    } catch (IOException e) {
      deleteQuietly(ready);
      throw failure("cannot recover " + target + " from an interrupted publication", e);
    }
    swapIn(target, ready);
  }

  private void swapIn(Path target, Path ready) {
    Path previous = sibling(target, PREVIOUS, "");
    try {
      fs.mkdirs(target.getParent());
      boolean hadPrevious = fs.exists(target);
      if (hadPrevious) {
        rename(target, previous);
      }
      try {
        rename(ready, target);
      } catch (IOException | RuntimeException e) {
        if (hadPrevious) {
          rename(previous, target);
        }
        throw e;
      }
      if (hadPrevious && !fs.delete(previous, true)) {
        LOG.warn("could not delete the replaced version {}", previous);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(ready);
      throw failure("publishing " + target + " failed; the previous version is unchanged", e);
    }
  }

  /**
   * Repairs what a process killed in the middle of {@link #publish} left behind: restores a
   * previous version that was renamed away but not replaced, deletes a previous version that was
   * replaced, and deletes abandoned staging siblings.
   */
  void recover(Path target) {
    try {
      restorePrevious(target);
      Path parent = target.getParent();
      if (fs.exists(parent)) {
        String stagingPrefix = STAGING + target.getName() + "-";
        for (FileStatus status : fs.listStatus(parent)) {
          if (status.getPath().getName().startsWith(stagingPrefix)) {
            fs.delete(status.getPath(), true);
          }
        }
      }
    } catch (IOException e) {
      throw failure("cannot recover " + target + " from an interrupted publication", e);
    }
  }

  private void restorePrevious(Path target) throws IOException {
    Path previous = sibling(target, PREVIOUS, "");
    if (fs.exists(previous)) {
      if (fs.exists(target)) {
        fs.delete(previous, true);
      } else {
        LOG.warn("restoring {} from an interrupted publication", target);
        rename(previous, target);
      }
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private void deleteQuietly(Path path) {
    try {
      fs.delete(path, true);
    } catch (IOException e) {
      LOG.warn("could not delete the staging copy {}: {}", path, e.toString());
    }
  }

  private static Path sibling(Path target, String prefix, String suffix) {
    return new Path(target.getParent(), prefix + target.getName() + suffix);
  }

  private static PipelineException failure(String message, Exception cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new PipelineException(
        message + ": " + reason.strip().lines().findFirst().orElse(""), cause);
  }
}
